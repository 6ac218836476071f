package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class SendUntilAcceptedTest {

    private static final ProducerRecord<byte[], byte[]> RECORD =
            new ProducerRecord<>("mqtt.sessions", new byte[] {1}, new byte[] {2});

    @Test
    void aRecordTheProducerRefusesAtFirstIsSentAgainUntilItIsTaken() throws Exception {
        RefusingProducer producer = new RefusingProducer(3);

        RecordMetadata written =
                SendUntilAccepted.send(producer, RECORD, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);

        assertThat(written.topic()).isEqualTo("mqtt.sessions");
        assertThat(producer.attempts.get()).isEqualTo(4);
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void aRecordStillRefusedWhenThePatienceIsOverFails() {
        RefusingProducer producer = new RefusingProducer(Integer.MAX_VALUE);

        assertThatThrownBy(() -> SendUntilAccepted.send(producer, RECORD, Duration.ofMillis(100))
                        .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aRecordKafkaRejectsFailsAtOnceWithoutRetries() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());

        Future<RecordMetadata> written = SendUntilAccepted.send(producer, RECORD, Duration.ofSeconds(10));
        producer.errorNext(new RecordTooLargeException("too large"));

        assertThatThrownBy(() -> written.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(producer.history()).hasSize(1);
    }

    /** Refuses the first sends as a producer with {@code max.block.ms=0} does without metadata. */
    private static final class RefusingProducer extends MockProducer<byte[], byte[]> {
        private final int refusals;
        private final AtomicInteger attempts = new AtomicInteger();

        RefusingProducer(int refusals) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.refusals = refusals;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (attempts.incrementAndGet() <= refusals) {
                throw new TimeoutException("Topic mqtt.sessions not present in metadata after 0 ms.");
            }
            return super.send(record, callback);
        }
    }
}
