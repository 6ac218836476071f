package io.wharf.edge.kafka.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.kafka.KafkaWriteHealth;
import io.wharf.schemas.WharfTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Heartbeats go on whatever one of them meets, and tell whether the edge can write to Kafka. */
@Timeout(30)
class HeartbeatPublisherTest {

    @Test
    void aHeartbeatThatThrowsDoesNotStopTheNextOnesAndReadinessFollowsTheirOutcome() {
        AtomicInteger calls = new AtomicInteger();
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(
                            ProducerRecord<byte[], byte[]> record, Callback callback) {
                        int call = calls.incrementAndGet();
                        if (call == 1) {
                            throw new OutOfMemoryError("a send that throws what nobody expects");
                        }
                        if (call == 2) {
                            throw new TimeoutException("Kafka is away");
                        }
                        return super.send(record, callback);
                    }
                };
        KafkaWriteHealth health = new KafkaWriteHealth();
        HeartbeatPublisher heartbeats = new HeartbeatPublisher(
                producer,
                new WharfTopics("test.").cluster(),
                "edge-a",
                "127.0.0.1:1883",
                null,
                Instant.now(),
                Duration.ofMillis(50),
                health,
                Clock.systemUTC());
        try {
            heartbeats.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> producer.history().size() >= 3);
            assertThat(health.canWrite()).isTrue();
        } finally {
            heartbeats.close();
        }
    }
}
