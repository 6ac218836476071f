package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The edge hands its messages to the message codec of {@code schemas} and takes them back from it
 * (whose format the golden files pin): nothing of a message may get lost on the way.
 */
class RecordMappingTest {

    private static final ApplicationMessage FULL = new ApplicationMessage(
            "devices/42/temperature",
            "21.5".getBytes(StandardCharsets.UTF_8),
            2,
            true,
            "sensor-7",
            1_769_846_400_250L,
            new ApplicationMessage.Properties(
                    1,
                    3600L,
                    "text/plain",
                    "replies/sensor-7",
                    new byte[] {0x00, 0x2a},
                    List.of(
                            new ApplicationMessage.UserProperty("tag", "roof"),
                            new ApplicationMessage.UserProperty("tag", "north"),
                            new ApplicationMessage.UserProperty("mqtt.origin", "plant-1"))));

    @Test
    void aMessageReadBackFromItsRecordIsTheMessageAtItsPlaceInTheLog() {
        ConsumerRecord<byte[], byte[]> read = consumed(MessageCodec.toRecord("device-data", "devices/42", FULL), 7);

        LoggedMessage logged = RecordMapping.fromRecord(read);

        assertThat(logged.message()).usingRecursiveComparison().isEqualTo(FULL);
        assertThat(logged.position()).isEqualTo(new LogPosition("device-data", 3, 7));
    }

    @Test
    void aMessageWithoutPropertiesReadsBackWithoutProperties() {
        ApplicationMessage plain =
                new ApplicationMessage("a/b", new byte[0], 0, false, null, 5L, ApplicationMessage.Properties.NONE);

        LoggedMessage logged = RecordMapping.fromRecord(consumed(MessageCodec.toRecord("mqtt.messages", plain), 0));

        assertThat(logged.message()).usingRecursiveComparison().isEqualTo(plain);
    }

    @Test
    void aRetainedRecordWithAnEmptyValueClearsTheTopic() {
        ProducerRecord<byte[], byte[]> cleared =
                new ProducerRecord<>("mqtt.retained", null, 5L, "a/b".getBytes(StandardCharsets.UTF_8), new byte[0]);
        ProducerRecord<byte[], byte[]> retained = MessageCodec.toRecord("mqtt.retained", FULL);

        assertThat(RecordMapping.fromRetainedRecord(consumed(cleared, 0))).isNull();
        assertThat(RecordMapping.fromRetainedRecord(consumed(retained, 1)).message())
                .usingRecursiveComparison()
                .isEqualTo(FULL);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> produced, long offset) {
        return new ConsumerRecord<>(
                produced.topic(),
                3,
                offset,
                produced.timestamp(),
                TimestampType.CREATE_TIME,
                produced.key().length,
                produced.value() == null ? -1 : produced.value().length,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
    }
}
