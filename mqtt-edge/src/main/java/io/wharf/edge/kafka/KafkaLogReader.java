package io.wharf.edge.kafka;

import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 * in turn, so catching up costs no consumer per session.
 */
public final class KafkaLogReader implements LogReader, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaLogReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final int MAX_EMPTY_POLLS = 25;

    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Consumer<byte[], byte[]>> consumers = new ArrayList<>();
    private volatile boolean running = true;

    /** @param consumers one per reader thread; they must read committed records from the earliest offset on reset */
    public KafkaLogReader(Supplier<Consumer<byte[], byte[]>> consumers, int threads) {
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
        requests.add(new Request(
                new TopicPartition(partition.logTopic(), partition.partition()), fromOffset, maxRecords, result));
        return result;
    }

    private void serve(Consumer<byte[], byte[]> consumer) {
        while (running) {
            Request request;
            try {
                request = requests.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                request.result.complete(read(consumer, request));
            } catch (InterruptException e) {
                request.result.completeExceptionally(e);
                if (running) {
                    log.error("A catch-up reader was interrupted; {} readers are left", threads.size() - 1);
                }
                return;
            } catch (RuntimeException | Error e) {
                log.warn("Reading {} from offset {} failed: {}", request.partition, request.fromOffset, e.toString());
                request.result.completeExceptionally(e);
            }
        }
    }

    private static ReadBatch read(Consumer<byte[], byte[]> consumer, Request request) {
        TopicPartition partition = request.partition;
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        if (request.fromOffset >= end) {
            // Nothing to read yet (or not yet readable: a transaction still open before it); nothing lost.
            return new ReadBatch(List.of(), request.fromOffset, end, 0);
        }
        consumer.assign(List.of(partition));
        consumer.seek(partition, request.fromOffset);
        List<LoggedMessage> messages = new ArrayList<>();
        long next = request.fromOffset;
        long first = -1;
        for (int emptyPolls = 0; emptyPolls < MAX_EMPTY_POLLS && next < end && messages.size() < request.maxRecords; ) {
            List<ConsumerRecord<byte[], byte[]>> records =
                    consumer.poll(POLL_TIMEOUT).records(partition);
            if (records.isEmpty()) {
                emptyPolls++;
                next = Math.max(next, consumer.position(partition)); // past aborted transactions and control records
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                if (first < 0) {
                    first = record.offset();
                }
                if (messages.size() >= request.maxRecords) {
                    break;
                }
                LoggedMessage message = RecordMapping.fromRecord(record);
                if (message != null) {
                    messages.add(message);
                }
                next = record.offset() + 1;
            }
        }
        long lost = 0;
        if (first > request.fromOffset) {
            // A gap is normal (transaction markers, compaction) unless retention deleted what was asked for.
            long logStart = consumer.beginningOffsets(List.of(partition)).get(partition);
            lost = Math.max(0, logStart - request.fromOffset);
        }
        return new ReadBatch(messages, next, end, lost);
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
        requests.forEach(request -> request.result.cancel(false));
    }

    private record Request(
            TopicPartition partition, long fromOffset, int maxRecords, CompletableFuture<ReadBatch> result) {}

    static Map<String, Object> consumerSettings() {
        return Map.of("auto.offset.reset", "earliest", "max.poll.records", 500);
    }
}
