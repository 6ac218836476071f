package io.wharf.schemas.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.message.ApplicationMessage.Properties;
import io.wharf.schemas.message.ApplicationMessage.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Message records are what every outside consumer of the device data reads, and what a backend
 * writes for Wharf to deliver. The golden files pin them byte for byte, header order included:
 * {@link MessageCodec} writes each message as its golden file says, and reads the golden file back
 * as the message.
 */
class MessageCodecTest {

    private static final long RECEIVED_AT = 1_769_846_400_250L;

    /** An MQTT 5 message with every metadata header, under a mapping rule that keys by two levels. */
    private static final ApplicationMessage FULL = new ApplicationMessage(
            "devices/42/temperature",
            "{\"celsius\":21.5}".getBytes(StandardCharsets.UTF_8),
            2,
            true,
            "sensor-7",
            RECEIVED_AT,
            new Properties(
                    1,
                    3600L,
                    "application/json",
                    "replies/sensor-7",
                    new byte[] {0x00, 0x2a, (byte) 0xff, 0x10},
                    List.of(
                            new UserProperty("unit", "celsius"),
                            new UserProperty("tag", "roof"),
                            new UserProperty("tag", "north"),
                            new UserProperty("mqtt.origin", "plant-1"))));

    /** What a backend's plain Kafka record is: QoS 0, not retained, from no MQTT client. */
    private static final ApplicationMessage MINIMAL = new ApplicationMessage(
            "devices/42/commands",
            "reboot".getBytes(StandardCharsets.UTF_8),
            0,
            false,
            null,
            RECEIVED_AT,
            Properties.NONE);

    @Test
    void aMessageUnderAMappingKeyIsWrittenAsTheGoldenRecordSays() throws Exception {
        ProducerRecord<byte[], byte[]> written = MessageCodec.toRecord("device-data", "devices/42", FULL);

        assertThat(GoldenRecord.render(written)).isEqualTo(GoldenRecord.tree("message-record-full.json"));
        assertThat(written.topic()).isEqualTo("device-data");
    }

    @Test
    void theGoldenRecordUnderAMappingKeyReadsAsTheMessage() throws Exception {
        ApplicationMessage read =
                MessageCodec.fromRecord(GoldenRecord.consumed("device-data", "message-record-full.json"));

        assertThat(read).usingRecursiveComparison().isEqualTo(FULL);
    }

    @Test
    void theMqttTopicOfARecordIsItsTopicHeaderUnderAMappingKeyAndItsKeyOtherwise() {
        ProducerRecord<byte[], byte[]> mapped = MessageCodec.toRecord("device-data", "devices/42", FULL);
        ProducerRecord<byte[], byte[]> plain = MessageCodec.toRecord("mqtt.messages", FULL);

        assertThat(MessageCodec.mqttTopic("devices/42", mapped.headers())).isEqualTo(FULL.topic());
        assertThat(MessageCodec.mqttTopic(FULL.topic(), plain.headers())).isEqualTo(FULL.topic());
    }

    @Test
    void aMessageWithNoMetadataIsWrittenAsTheGoldenRecordSays() throws Exception {
        ProducerRecord<byte[], byte[]> written = MessageCodec.toRecord("mqtt.messages", MINIMAL);

        assertThat(GoldenRecord.render(written)).isEqualTo(GoldenRecord.tree("message-record-minimal.json"));
    }

    @Test
    void aRecordWithNoHeadersReadsAsAQos0MessageThatIsNotRetained() throws Exception {
        ApplicationMessage read =
                MessageCodec.fromRecord(GoldenRecord.consumed("mqtt.messages", "message-record-minimal.json"));

        assertThat(read).usingRecursiveComparison().isEqualTo(MINIMAL);
    }

    @Test
    void aRetainedMessageIsWrittenToTheRetainedTopicKeyedByItsTopic() throws Exception {
        ProducerRecord<byte[], byte[]> written = MessageCodec.toRetainedRecord("mqtt.retained", FULL);

        assertThat(GoldenRecord.render(written)).isEqualTo(GoldenRecord.tree("retained-record-full.json"));
        assertThat(MessageCodec.fromRetainedRecord(GoldenRecord.consumed("mqtt.retained", "retained-record-full.json")))
                .usingRecursiveComparison()
                .isEqualTo(FULL);
    }

    @Test
    void aRetainedMessageWithAnEmptyPayloadIsWrittenAsATombstoneThatClearsTheTopic() throws Exception {
        ApplicationMessage clear = new ApplicationMessage(
                "devices/42/status", new byte[0], 1, true, "device-42", RECEIVED_AT, Properties.NONE);

        ProducerRecord<byte[], byte[]> written = MessageCodec.toRetainedRecord("mqtt.retained", clear);

        assertThat(GoldenRecord.render(written)).isEqualTo(GoldenRecord.tree("retained-record-cleared.json"));
        assertThat(MessageCodec.fromRetainedRecord(
                        GoldenRecord.consumed("mqtt.retained", "retained-record-cleared.json")))
                .isNull();
    }

    @Test
    void aRecordFromAnotherWriterIsReadLeniently() throws Exception {
        ApplicationMessage read =
                MessageCodec.fromRecord(GoldenRecord.consumed("mqtt.messages", "message-record-other-writer.json"));

        assertThat(read)
                .usingRecursiveComparison()
                .isEqualTo(new ApplicationMessage(
                        "devices/42/telemetry",
                        new byte[] {(byte) 0xca, (byte) 0xfe},
                        2,
                        true,
                        "backend",
                        RECEIVED_AT,
                        new Properties(
                                0,
                                null,
                                null,
                                null,
                                null,
                                List.of(new UserProperty("note", ""), new UserProperty("mqtt.origin", "plant-1")))));
    }

    @Test
    void aRecordWithNoKeyOrNoValueIsNoMessage() throws Exception {
        var golden = GoldenRecord.consumed("mqtt.messages", "message-record-minimal.json");
        var noKey = new ConsumerRecord<byte[], byte[]>(golden.topic(), 0, 0L, null, golden.value());
        var emptyKey = new ConsumerRecord<>(golden.topic(), 0, 0L, new byte[0], golden.value());
        var noValue = new ConsumerRecord<byte[], byte[]>(golden.topic(), 0, 0L, golden.key(), null);

        assertThat(MessageCodec.fromRecord(noKey)).isNull();
        assertThat(MessageCodec.fromRecord(emptyKey)).isNull();
        assertThat(MessageCodec.fromRecord(noValue)).isNull();
    }

    @Test
    void theMetadataHeadersAreTheRecordsHeadersWithoutTheTopic() {
        assertThat(MessageCodec.metadataHeaders(FULL).toArray())
                .containsExactly(
                        MessageCodec.toRecord("mqtt.messages", FULL).headers().toArray());
    }
}
