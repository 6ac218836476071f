package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class SerialSenderTest {

    @Test
    void aSendThatBlocksInTheProducerDoesNotBlockTheCallerAndLaterRecordsKeepTheirOrder() throws Exception {
        CountDownLatch metadataArrives = new CountDownLatch(1);
        BlockingProducer producer = new BlockingProducer(metadataArrives);
        try (SerialSender sender = new SerialSender(producer, "test-sends", 100)) {
            List<CompletableFuture<RecordMetadata>> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(sender.send(record(i)));
            }
            // Every send returned while the producer was still stuck on the first record.
            assertThat(written).noneMatch(CompletableFuture::isDone);

            metadataArrives.countDown();

            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(producer.history()).extracting(r -> (int) r.value()[0]).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void aRecordThatFindsTheQueueFullFailsAtOnce() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        BlockingProducer producer = new BlockingProducer(never);
        try (SerialSender sender = new SerialSender(producer, "test-sends", 1)) {
            sender.send(record(0));
            assertThat(producer.entered.await(10, TimeUnit.SECONDS))
                    .as("the thread is stuck in send")
                    .isTrue();
            sender.send(record(1)); // fills the queue

            assertThatThrownBy(() -> sender.send(record(2)).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RejectedExecutionException.class);
            never.countDown();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(int n) {
        return new ProducerRecord<>("mqtt.sessions", new byte[] {1}, new byte[] {(byte) n});
    }

    /** Blocks in send() until the latch opens, as KafkaProducer does while it waits for metadata. */
    private static final class BlockingProducer extends MockProducer<byte[], byte[]> {
        private final CountDownLatch open;
        private final CountDownLatch entered = new CountDownLatch(1);

        BlockingProducer(CountDownLatch open) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.open = open;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    }
}
