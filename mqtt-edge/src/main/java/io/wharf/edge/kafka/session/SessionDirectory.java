package io.wharf.edge.kafka.session;

import io.wharf.edge.kafka.TopicFollower;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.schemas.session.SessionRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every edge's view of {@code mqtt.sessions}: who owns each session and its newest state that
 * counts, built by reading every partition from the beginning and following on. Claims are
 * ordered by the log, so all edges come to the same view; the rules of which record counts are in
 * {@link SessionRecord}.
 */
public final class SessionDirectory implements TopicFollower.Handler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionDirectory.class);

    private final TopicFollower follower;
    private final WharfTopic<String, SessionRecord> topic;
    private final Map<String, SessionEntry> entries = new ConcurrentHashMap<>();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<String, List<ClaimWatch>> watches = new ConcurrentHashMap<>();
    private volatile BiConsumer<SessionEntry, Instant> onDropped = (entry, at) -> {};

    public SessionDirectory(Consumer<byte[], byte[]> consumer, WharfTopic<String, SessionRecord> topic) {
        this.topic = topic;
        this.follower = new TopicFollower("wharf-session-directory", consumer, topic.name(), this);
    }

    /** Starts reading; returns true once every session stored before now is known. */
    public boolean startAndAwaitLoaded(Duration timeout) throws InterruptedException {
        boolean loaded = follower.startFromBeginning(timeout);
        if (loaded) {
            log.info("Loaded {} sessions from {}", entries.size(), topic.name());
        }
        return loaded;
    }

    public SessionEntry entry(String clientId) {
        return entries.get(clientId);
    }

    /** Every session known, by client id: a live view, for the admin API's lookups. */
    public Map<String, SessionEntry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * Tells {@code listener} of every session the log drops (the router's tombstone of an ended or
     * expired session), with the entry it had and when the tombstone was written; on the reading thread.
     */
    public void onDropped(BiConsumer<SessionEntry, Instant> listener) {
        this.onDropped = listener;
    }

    /** Completes once the record at {@code offset} of {@code partition} has been read. */
    CompletableFuture<Void> awaitRead(int partition, long offset) {
        return await(() -> positions.getOrDefault(partition, 0L) > offset);
    }

    /**
     * Completes once the claim at {@code epoch} no longer waits for the previous owner (or was
     * superseded), or once {@code giveUp} holds; checked whenever records arrive, at least every poll.
     */
    CompletableFuture<Void> awaitHandedOverOr(String clientId, long epoch, Check giveUp) {
        return await(() -> {
            SessionEntry entry = entries.get(clientId);
            return entry == null || entry.claimEpoch() != epoch || !entry.previousPending() || giveUp.holds();
        });
    }

    /** Calls {@code onTakenOver} once a claim later than {@code epoch} appears for the client. */
    void watch(String clientId, long epoch, Runnable onTakenOver) {
        watches.computeIfAbsent(clientId, key -> new CopyOnWriteArrayList<>()).add(new ClaimWatch(epoch, onTakenOver));
        SessionEntry entry = entries.get(clientId);
        if (entry != null && entry.claimEpoch() > epoch) {
            notifyWatches(clientId, entry.claimEpoch());
        }
    }

    /** Stops watching the claim at {@code epoch}: its connection has ended. */
    void unwatch(String clientId, long epoch) {
        watches.computeIfPresent(clientId, (key, list) -> {
            list.removeIf(watch -> watch.epoch == epoch);
            return list.isEmpty() ? null : list;
        });
    }

    private CompletableFuture<Void> await(Check check) {
        Waiter waiter = new Waiter(check, new CompletableFuture<>());
        synchronized (waiters) {
            if (check.holds()) {
                return CompletableFuture.completedFuture(null);
            }
            waiters.add(waiter);
        }
        return waiter.done;
    }

    @Override
    public void apply(ConsumerRecord<byte[], byte[]> raw) {
        applyRecord(raw);
        positions.put(raw.partition(), raw.offset() + 1); // only once its entry is in place
    }

    private void applyRecord(ConsumerRecord<byte[], byte[]> raw) {
        if (raw.key() == null) {
            return;
        }
        String clientId = topic.keySerde().deserializer().deserialize(topic.name(), raw.key());
        SessionRecord record;
        try {
            record = topic.valueSerde().deserializer().deserialize(topic.name(), raw.value());
        } catch (RuntimeException e) {
            log.warn(
                    "Skipping an unreadable session record of {} at offset {}: {}",
                    clientId,
                    raw.offset(),
                    e.toString());
            return;
        }
        SessionEntry current = entries.get(clientId);
        if (record == null) {
            SessionEntry dropped = entries.remove(clientId); // the router dropped an ended or expired session
            if (dropped != null) {
                onDropped.accept(dropped, Instant.ofEpochMilli(raw.timestamp()));
            }
            return;
        }
        SessionEntry next = SessionRules.apply(current, record, raw.offset());
        if (next != null) {
            entries.put(clientId, next);
            if (record.kind() == SessionRecord.Kind.CLAIM) {
                notifyWatches(clientId, raw.offset());
            }
        }
    }

    private void notifyWatches(String clientId, long newEpoch) {
        List<ClaimWatch> list = watches.get(clientId);
        if (list == null) {
            return;
        }
        for (ClaimWatch watch : list) {
            if (watch.epoch < newEpoch && list.remove(watch)) {
                watch.onTakenOver.run();
            }
        }
    }

    @Override
    public void afterPoll(Consumer<byte[], byte[]> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            positions.merge(partition.partition(), consumer.position(partition), Math::max);
        }
        wakeWaiters();
    }

    private void wakeWaiters() {
        List<Waiter> ready = new ArrayList<>();
        synchronized (waiters) {
            waiters.removeIf(waiter -> waiter.check.holds() && ready.add(waiter));
        }
        ready.forEach(waiter -> waiter.done.complete(null));
    }

    @Override
    public void close() {
        follower.close();
    }

    @FunctionalInterface
    interface Check {
        boolean holds();
    }

    private record Waiter(Check check, CompletableFuture<Void> done) {}

    private record ClaimWatch(long epoch, Runnable onTakenOver) {}
}
