package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What the log tells the caller of a message once the producer is done with its records. */
class KafkaMessageLogTest {

    private static final String RETAINED = "mqtt.retained";

    private final FullProducer producer = new FullProducer();
    private final KafkaMessageLog log = new KafkaMessageLog(
            producer, TopicMapping.none("mqtt.messages"), RETAINED, new RetainedIndex(), Duration.ofMinutes(5));
    private final List<String> outcomes = new ArrayList<>();

    @Test
    void aMessageIsStoredOnlyOnceKafkaAcknowledgedItsRecord() {
        MessageLog.Append append = log.begin(message("a/1", false), this::record);

        assertThat(append.handOver()).isTrue();
        assertThat(outcomes).as("nothing before Kafka acknowledged").isEmpty();
        producer.completeNext();
        assertThat(outcomes).containsExactly("stored in mqtt.messages");
    }

    @Test
    void aRecordKafkaRefusesIsReportedAsTheMessagesFailure() {
        log.begin(message("a/1", false), this::record).handOver();

        producer.errorNext(new RecordTooLargeException("too large"));
        // named in the edge's terms, with the topic whose limit it hit
        assertThat(outcomes)
                .containsExactly(
                        "failed: Kafka topic mqtt.messages refused the record as larger than its max.message.bytes");
    }

    @Test
    void aRetainedMessageIsStoredOnlyWhenBothItsRecordsAre() {
        log.begin(message("a/1", true), this::record).handOver();
        assertThat(producer.history()).hasSize(2);

        producer.completeNext();
        assertThat(outcomes).as("the retained record is not in yet").isEmpty();
        producer.completeNext();
        assertThat(outcomes).containsExactly("stored in mqtt.messages");
    }

    @Test
    void aRetainedMessageWhoseRetainedRecordFailsIsNotStored() {
        log.begin(message("a/1", true), this::record).handOver();

        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too large"));
        assertThat(outcomes).singleElement().asString().startsWith("failed: Kafka topic mqtt.retained refused");
    }

    @Test
    void aRecordTheProducerHasNoRoomForIsHandedOverAgainAndStoredOnce() {
        producer.full = true;
        MessageLog.Append append = log.begin(message("a/1", false), this::record);

        assertThat(append.handOver()).as("to be tried again").isFalse();
        assertThat(append.untouched()).isTrue();
        assertThat(outcomes).as("no room is no outcome").isEmpty();

        producer.full = false;
        assertThat(append.handOver()).isTrue();
        producer.completeNext();
        assertThat(producer.history()).hasSize(1);
        assertThat(outcomes).containsExactly("stored in mqtt.messages");
    }

    private void record(LogPosition position, Throwable error) {
        outcomes.add(error == null ? "stored in " + position.logTopic() : "failed: " + error.getMessage());
    }

    /**
     * A producer that, while full, refuses a record as the real one does with {@code
     * max.block.ms=0}: a timeout told to the callback before send returns.
     */
    private static final class FullProducer extends MockProducer<byte[], byte[]> {
        boolean full;

        FullProducer() {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (full) {
                TimeoutException noRoom = new TimeoutException("no room");
                callback.onCompletion(null, noRoom);
                return CompletableFuture.failedFuture(noRoom);
            }
            return super.send(record, callback);
        }
    }

    private static ApplicationMessage message(String topic, boolean retain) {
        return new ApplicationMessage(
                topic, new byte[] {1}, 1, retain, "client", 0, ApplicationMessage.Properties.NONE);
    }
}
