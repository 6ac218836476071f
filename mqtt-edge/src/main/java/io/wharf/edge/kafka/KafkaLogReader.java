package io.wharf.edge.kafka;

import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions from given offsets for sessions that catch up. A few reader threads, each with
 * its own consumer (manual assignment, no group), serve the requests of every session of the edge
 * in turn, so catching up costs no consumer per session. The requests waiting for one partition
 * are answered by one read ({@link SharedRead}): a thousand sessions reconnecting together cost a
 * few reads of each partition, not a thousand.
 */
public final class KafkaLogReader implements LogReader, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLogReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final int MAX_EMPTY_POLLS = 25;

    /** The requests waiting, per partition, in the order their partitions were first asked for. */
    private final Map<TopicPartition, List<Request>> waiting = new LinkedHashMap<>();

    private final List<Thread> threads = new ArrayList<>();
    private final List<Consumer<byte[], byte[]>> consumers = new ArrayList<>();
    private volatile boolean running = true;
    private final RecordMapping recordMapping;

    /**
     * @param consumers one per reader thread; they must read committed records from the earliest offset on reset
     * @param recordMapping how records become messages: typed topics' back into JSON
     */
    public KafkaLogReader(Supplier<Consumer<byte[], byte[]>> consumers, int threads, RecordMapping recordMapping) {
        this.recordMapping = recordMapping;
        for (int i = 0; i < threads; i++) {
            Consumer<byte[], byte[]> consumer = consumers.get();
            this.consumers.add(consumer);
            Thread thread = new Thread(() -> serve(consumer), "wharf-log-reader-" + i);
            thread.setDaemon(true);
            this.threads.add(thread);
        }
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    @Override
    public CompletableFuture<ReadBatch> read(LogPartition partition, long fromOffset, int maxRecords) {
        CompletableFuture<ReadBatch> result = new CompletableFuture<>();
        TopicPartition topicPartition = new TopicPartition(partition.logTopic(), partition.partition());
        enqueue(topicPartition, List.of(new Request(new SharedRead.Asked(fromOffset, maxRecords), result)));
        return result;
    }

    private void enqueue(TopicPartition partition, List<Request> requests) {
        synchronized (waiting) {
            waiting.computeIfAbsent(partition, unused -> new ArrayList<>()).addAll(requests);
            waiting.notify();
        }
    }

    /** The partition asked for longest ago, with every request waiting for it. */
    private Map.Entry<TopicPartition, List<Request>> next() throws InterruptedException {
        synchronized (waiting) {
            while (waiting.isEmpty()) {
                waiting.wait();
            }
            Iterator<Map.Entry<TopicPartition, List<Request>>> first =
                    waiting.entrySet().iterator();
            Map.Entry<TopicPartition, List<Request>> next = first.next();
            first.remove();
            return next;
        }
    }

    private void serve(Consumer<byte[], byte[]> consumer) {
        while (running) {
            Map.Entry<TopicPartition, List<Request>> next;
            try {
                next = next();
            } catch (InterruptedException e) {
                return;
            }
            TopicPartition partition = next.getKey();
            List<Request> requests = next.getValue();
            try {
                List<Request> notReached = read(consumer, partition, requests);
                if (!notReached.isEmpty()) {
                    enqueue(partition, notReached);
                }
            } catch (InterruptException e) {
                requests.forEach(request -> request.result.completeExceptionally(e));
                if (running) {
                    log.error("A catch-up reader was interrupted; {} readers are left", threads.size() - 1);
                }
                return;
            } catch (RuntimeException | Error e) {
                log.warn(
                        "Reading {} from offset {} failed: {}",
                        partition,
                        SharedRead.from(asked(requests)),
                        e.toString());
                requests.forEach(request -> request.result.completeExceptionally(e));
            }
        }
    }

    /** Answers the requests one read reaches, and returns those it did not. */
    private List<Request> read(Consumer<byte[], byte[]> consumer, TopicPartition partition, List<Request> requests) {
        List<SharedRead.Asked> asked = asked(requests);
        long from = SharedRead.from(asked);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long until = SharedRead.until(asked, end);
        List<LoggedMessage> messages = new ArrayList<>();
        long next = from;
        long first = -1;
        if (from < end) {
            // Below the end, unless a transaction still open before it holds the end back.
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            for (int emptyPolls = 0; emptyPolls < MAX_EMPTY_POLLS && next < until; ) {
                List<ConsumerRecord<byte[], byte[]>> records =
                        consumer.poll(POLL_TIMEOUT).records(partition);
                if (records.isEmpty()) {
                    emptyPolls++;
                    next = Math.max(
                            next, consumer.position(partition)); // past aborted transactions and control records
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (first < 0) {
                        first = record.offset();
                    }
                    LoggedMessage message = recordMapping.read(record);
                    if (message != null) {
                        messages.add(message);
                    }
                    next = record.offset() + 1;
                }
            }
        }
        // A gap at the start is normal (transaction markers, compaction) unless retention deleted what was asked for.
        long logStart =
                first > from ? consumer.beginningOffsets(List.of(partition)).get(partition) : -1;
        List<Request> notReached = new ArrayList<>();
        for (Request request : requests) {
            if (SharedRead.covers(request.asked.fromOffset(), from, next, end)) {
                request.result.complete(SharedRead.batchFor(request.asked, messages, next, end, logStart));
            } else {
                notReached.add(request);
            }
        }
        return notReached;
    }

    private static List<SharedRead.Asked> asked(List<Request> requests) {
        return requests.stream().map(Request::asked).toList();
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Consumer<byte[], byte[]> consumer : consumers) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
        synchronized (waiting) {
            waiting.values().forEach(requests -> requests.forEach(request -> request.result.cancel(false)));
            waiting.clear();
        }
    }

    private record Request(SharedRead.Asked asked, CompletableFuture<ReadBatch> result) {}
}
