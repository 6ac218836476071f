package io.wharf.edge.kafka;

import io.wharf.edge.delivery.DispatchBacklog;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's one live reader of the message topic. It is assigned (no consumer group) exactly the
 * partitions that this edge's subscriptions can match, and hands every record read to the
 * subscription registry. A partition newly needed is read from its end offset at the time of the
 * request, so everything appended after {@link #follow} completes is seen.
 *
 * <p>The consumer is used on the feed's own thread only; other threads queue commands and wake it.
 */
public final class KafkaMessageFeed implements MessageFeed, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaMessageFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long ERROR_BACKOFF_MS = 1000;

    private final Consumer<byte[], byte[]> consumer;
    private final PartitionPlanner planner;
    private final SubscriptionRegistry registry;
    private final DispatchBacklog backlog;
    private final EdgeMetrics metrics;
    private final RecordMapping recordMapping;
    private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final Map<TopicPartition, Integer> followers = new HashMap<>();
    private volatile Set<TopicPartition> followedSnapshot = Set.of();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param recordMapping how records become messages: typed topics' back into JSON */
    public KafkaMessageFeed(
            Consumer<byte[], byte[]> consumer,
            PartitionPlanner planner,
            SubscriptionRegistry registry,
            DispatchBacklog backlog,
            EdgeMetrics metrics,
            RecordMapping recordMapping) {
        this.recordMapping = recordMapping;
        this.metrics = metrics;
        this.consumer = consumer;
        this.planner = planner;
        this.registry = registry;
        this.backlog = backlog;
        this.thread = new Thread(this::run, "wharf-message-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public CompletableFuture<Map<LogPartition, Long>> follow(TopicFilter filter) {
        CompletableFuture<Map<LogPartition, Long>> done = new CompletableFuture<>();
        submit(
                () -> {
                    Set<TopicPartition> needed = planner.partitionsFor(filter);
                    Set<TopicPartition> added = new HashSet<>(needed);
                    added.removeAll(followers.keySet());
                    // Everything that can fail comes before anything changes: a failed follow takes nothing,
                    // so the unfollow that never comes for it cannot take a partition from other sessions.
                    Map<TopicPartition, Long> ends = added.isEmpty() ? Map.of() : endOffsets(added);
                    Map<LogPartition, Long> liveFrom = new HashMap<>();
                    for (TopicPartition partition : needed) {
                        Long end = ends.get(partition);
                        liveFrom.put(
                                new LogPartition(partition.topic(), partition.partition()),
                                end != null ? end : position(partition));
                    }
                    if (!added.isEmpty()) {
                        Set<TopicPartition> assigned = new HashSet<>(followers.keySet());
                        assigned.addAll(added);
                        consumer.assign(assigned);
                        ends.forEach(consumer::seek);
                        log.debug("Now reading {} partitions; added {}", assigned.size(), added);
                    }
                    needed.forEach(partition -> followers.merge(partition, 1, Integer::sum));
                    followedSnapshot = Set.copyOf(followers.keySet());
                    done.complete(liveFrom);
                },
                done);
        return done;
    }

    @Override
    public void unfollow(TopicFilter filter) {
        submit(
                () -> {
                    boolean removed = false;
                    for (TopicPartition partition : planner.partitionsFor(filter)) {
                        Integer left =
                                followers.computeIfPresent(partition, (key, count) -> count == 1 ? null : count - 1);
                        removed |= left == null;
                    }
                    if (removed) {
                        consumer.assign(followers.keySet());
                        followedSnapshot = Set.copyOf(followers.keySet());
                    }
                },
                null);
    }

    /** The partitions the feed reads now, for operators and tests. */
    public Set<TopicPartition> followedPartitions() {
        return Set.copyOf(followedSnapshot);
    }

    /**
     * The end offsets, now. A wake-up meant for {@code poll} (commands wake the consumer) may land
     * here instead; it only means another command is waiting, so the call is made again.
     */
    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        while (true) {
            try {
                return consumer.endOffsets(partitions);
            } catch (WakeupException e) {
                // try again: the wake-up is spent
            }
        }
    }

    private long position(TopicPartition partition) {
        while (true) {
            try {
                return consumer.position(partition);
            } catch (WakeupException e) {
                // as in endOffsets
            }
        }
    }

    private void submit(Runnable command, CompletableFuture<?> failOnError) {
        commands.add(() -> {
            try {
                command.run();
            } catch (RuntimeException e) {
                if (failOnError != null) {
                    failOnError.completeExceptionally(e);
                }
                throw e;
            }
        });
        consumer.wakeup();
    }

    private void run() {
        while (running) {
            try {
                runCommands();
                if (followers.isEmpty()) {
                    waitForCommands();
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                List<LoggedMessage> batch = new ArrayList<>(records.count());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    LoggedMessage message = recordMapping.read(record);
                    if (message == null) {
                        metrics.skippedRecord();
                        log.debug(
                                "Skipped record {}-{}@{}: no key or no value",
                                record.topic(),
                                record.partition(),
                                record.offset());
                    } else {
                        batch.add(message);
                    }
                }
                registry.dispatch(batch, backlog);
                backlog.awaitRoom();
            } catch (WakeupException e) {
                // A command is waiting, or the feed is closing.
            } catch (InterruptException e) {
                if (running) {
                    log.error("The live feed was interrupted; subscribers of this edge get no more live messages");
                }
                break;
            } catch (RuntimeException | Error e) {
                log.warn("Reading the message log failed, retrying in {} ms: {}", ERROR_BACKOFF_MS, e.toString());
                pause(ERROR_BACKOFF_MS);
            }
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void waitForCommands() {
        try {
            Runnable command = commands.poll(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (command != null) {
                command.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
