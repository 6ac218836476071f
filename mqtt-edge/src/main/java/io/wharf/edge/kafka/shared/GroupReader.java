package io.wharf.edge.kafka.shared;

import io.wharf.edge.kafka.RecordMapping;
import io.wharf.edge.kafka.shared.ReaderBatch.Pending;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This edge's part of one shared subscription: one thread and one member of the subscription's
 * Kafka group. It polls a few records at a time and offers each matching one to one local member,
 * taking turns; a record goes back to the group once a member releases it (it is leaving), or when
 * no member has taken it before the hold limit. Records whose topic does not match are accepted at
 * once: they are consumed, just not for this subscription.
 *
 * <p>The Kafka consumer is used on this thread only: members report outcomes from their event
 * loops as commands, which the thread runs between polls.
 */
final class GroupReader {

    private static final Logger log = LoggerFactory.getLogger(GroupReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

    private final SharedSubscription subscription;
    private final String groupId;
    private final Function<GroupKind, GroupConsumer> consumers;
    private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final List<SharedMember> members = new ArrayList<>();
    private int nextMember;
    private GroupKind kind;
    private volatile GroupConsumer consumer;
    private ReaderBatch batch;
    private volatile boolean running = true;
    private Thread thread;

    private final RecordMapping recordMapping;

    GroupReader(SharedSubscription subscription, String groupId, Function<GroupKind, GroupConsumer> consumers) {
        this(subscription, groupId, consumers, RecordMapping.RAW);
    }

    /** @param recordMapping how records become messages: typed topics' back into JSON */
    GroupReader(
            SharedSubscription subscription,
            String groupId,
            Function<GroupKind, GroupConsumer> consumers,
            RecordMapping recordMapping) {
        this.recordMapping = recordMapping;
        this.subscription = subscription;
        this.groupId = groupId;
        this.consumers = consumers;
    }

    /** Starts reading once the group is ready; members may join before. */
    synchronized void start(GroupKind kind) {
        if (!running) {
            return; // its last member left while the group was being readied
        }
        this.kind = kind;
        thread = new Thread(this::run, "wharf-shared-" + groupId);
        thread.setDaemon(true);
        thread.start();
    }

    void join(SharedMember member) {
        commands.add(() -> {
            members.add(member);
            offerParked(member);
        });
    }

    void leave(SharedMember member) {
        commands.add(() -> members.remove(member));
    }

    void hasRoom(SharedMember member) {
        commands.add(() -> offerParked(member));
    }

    /** Stops without waiting: the thread leaves the group, which takes back what is unsettled. */
    synchronized void stop() {
        running = false;
        commands.add(() -> {}); // ends a wait for outcomes
        GroupConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    void awaitStopped(Duration timeout) throws InterruptedException {
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null) {
            started.join(timeout.toMillis());
        }
    }

    /** Goes on through every error until stopped: the members here get nothing without it. */
    private void run() {
        try {
            while (running) {
                try {
                    if (consumer == null) {
                        consumer = consumers.apply(kind);
                    }
                    step();
                } catch (WakeupException e) {
                    // stopping
                } catch (UnsupportedVersionException e) {
                    fallBackToConsumerGroup(e);
                } catch (InterruptException e) {
                    if (running) {
                        log.error("{}: interrupted; its members here get nothing more", groupId);
                    }
                    break;
                } catch (RuntimeException | Error e) {
                    log.warn(
                            "{}: {} the group failed, retrying in {} ms: {}",
                            groupId,
                            consumer == null ? "joining" : "reading",
                            ERROR_BACKOFF.toMillis(),
                            e.toString());
                    awaitCommand(ERROR_BACKOFF.toNanos()); // a stop ends the wait
                }
            }
        } finally {
            if (consumer != null) {
                closeConsumer();
            }
        }
    }

    private void step() {
        if (batch == null) {
            runCommands();
            if (members.isEmpty()) {
                awaitCommand(POLL_TIMEOUT.toNanos());
                return; // no one to give records to: take none
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
            if (!records.isEmpty()) {
                log.debug("{}: took {} records from {}", groupId, records.count(), records.partitions());
                batch = new ReaderBatch(System.nanoTime() + consumer.holdLimit().toNanos());
                records.forEach(this::dispatch);
            }
        } else if (!batch.isSettled()) {
            awaitCommand(batch.deadlineNanos() - System.nanoTime());
            runCommands();
            if (!batch.isSettled() && System.nanoTime() - batch.deadlineNanos() >= 0) {
                giveUpUnsettled();
            }
        }
        if (batch != null && batch.isSettled()) {
            consumer.commit(batch.settledUpTo());
            batch = null;
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        LoggedMessage message = recordMapping.read(record);
        Pending pending = batch.add(record, message);
        if (message == null || !subscription.filter().matches(message.message().topic())) {
            consumer.accept(record);
            batch.settle(pending);
            return;
        }
        offer(pending);
    }

    /** Offers a record to the next member whose turn it is and who has not refused it. */
    private void offer(Pending pending) {
        for (int i = 0; i < members.size(); i++) {
            SharedMember member = members.get(Math.floorMod(nextMember + i, members.size()));
            if (!pending.refusedBy.contains(member)) {
                nextMember = Math.floorMod(nextMember + i + 1, members.size());
                offerTo(pending, member);
                return;
            }
        }
        pending.park();
    }

    private void offerTo(Pending pending, SharedMember member) {
        ReaderBatch current = batch;
        SharedDelivery delivery = new SharedDelivery(
                pending.message,
                (settled, outcome) -> commands.add(() -> onOutcome(current, pending, settled, outcome)));
        pending.offered(member, delivery);
        try {
            member.offerShared(subscription, delivery);
        } catch (RuntimeException e) {
            delivery.refused(); // its event loop is shutting down
        }
    }

    /** A member that refused records can take some now, or a new one arrived: it gets the parked ones. */
    private void offerParked(SharedMember member) {
        if (batch == null || !members.contains(member)) {
            return;
        }
        for (Pending pending : batch.unsettled()) {
            if (pending.isParked()) {
                pending.refusedBy.remove(member);
                offerTo(pending, member);
            }
        }
    }

    private void onOutcome(ReaderBatch of, Pending pending, SharedDelivery delivery, SharedDelivery.Outcome outcome) {
        if (of != batch || !pending.isCurrent(delivery)) {
            return; // given up on already, or offered again since
        }
        log.debug(
                "{}: {}-{}@{} {}",
                groupId,
                pending.record.topic(),
                pending.record.partition(),
                pending.record.offset(),
                outcome);
        switch (outcome) {
            case ACCEPTED -> {
                consumer.accept(pending.record);
                batch.settle(pending);
            }
            case RELEASED -> {
                if (consumer.release(pending.record)) {
                    batch.settle(pending);
                } else {
                    pending.refusedBy.add(pending.holder);
                    offer(pending);
                }
            }
            case REFUSED -> {
                pending.refusedBy.add(pending.holder);
                offer(pending);
            }
        }
    }

    /**
     * The hold limit has passed. A share group gets every unsettled record back now, before its lock
     * runs out (a member's late acknowledgement then counts for nothing). A consumer group cannot take
     * single records back: each is offered afresh to the local members other than the one holding
     * it, if there are any, and again at the next limit.
     */
    private void giveUpUnsettled() {
        log.debug(
                "{}: {} records not acknowledged in time; giving them up",
                groupId,
                batch.unsettled().size());
        for (Pending pending : batch.unsettled()) {
            if (consumer.release(pending.record)) {
                batch.settle(pending);
            } else if (pending.holder == null || members.size() > 1) {
                SharedMember holder = pending.holder;
                pending.refusedBy.clear();
                if (holder != null) {
                    pending.refusedBy.add(holder);
                }
                offer(pending);
            }
        }
        batch.extendTo(System.nanoTime() + consumer.holdLimit().toNanos());
    }

    private void fallBackToConsumerGroup(UnsupportedVersionException e) {
        if (kind == GroupKind.CONSUMER_GROUP) {
            log.warn(
                    "{}: reading the group failed, retrying in {} ms: {}",
                    groupId,
                    ERROR_BACKOFF.toMillis(),
                    e.toString());
            awaitCommand(ERROR_BACKOFF.toNanos());
            return;
        }
        log.warn(
                "{}: the cluster does not serve share groups ({}); using a consumer group instead",
                groupId,
                e.getMessage());
        if (consumer != null) {
            consumer.close();
        }
        kind = GroupKind.CONSUMER_GROUP;
        batch = null;
        consumer = null; // the loop makes the new one
    }

    private void closeConsumer() {
        try {
            if (batch != null) {
                consumer.commit(batch.settledUpTo()); // what a consumer group has delivered stays delivered
            }
        } catch (RuntimeException e) {
            log.debug("{}: committing on the way out failed: {}", groupId, e.toString());
        }
        try {
            consumer.close();
        } catch (RuntimeException e) {
            log.debug("{}: closing the consumer failed: {}", groupId, e.toString());
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void awaitCommand(long timeoutNanos) {
        try {
            Runnable command = commands.poll(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
            if (command != null) {
                command.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
