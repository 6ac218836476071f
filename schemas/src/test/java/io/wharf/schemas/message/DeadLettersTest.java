package io.wharf.schemas.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.MessageHeaders;
import io.wharf.schemas.mapping.PayloadRule;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void aDeadLetterIsTheRecordAsItCameWithWhereItWasGoingAndWhyAsTheGoldenRecordSays() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageHeaders.TOPIC, utf8("devices/42/temperature"));
        headers.add(MessageHeaders.QOS, utf8("1"));
        headers.add(MessageHeaders.CLIENT_ID, utf8("sensor-7"));
        ProducerRecord<byte[], byte[]> meant = new ProducerRecord<>(
                "telemetry", 3, 1769846400250L, utf8("devices/42"), utf8("{\"celsius\":\"warm\"}"), headers);

        ProducerRecord<byte[], byte[]> deadLetter = DeadLetters.record(
                "mqtt.dead-letter", meant, PayloadRule.Format.AVRO, "celsius must be a number, not string");

        assertThat(GoldenRecord.render(deadLetter)).isEqualTo(GoldenRecord.tree("dead-letter-record.json"));
        assertThat(deadLetter.topic()).isEqualTo("mqtt.dead-letter");
        assertThat(deadLetter.partition())
                .as("by its key, not the partition it was meant for")
                .isNull();
        assertThat(meant.headers().lastHeader(DeadLetters.REASON))
                .as("the meant record is left as it was")
                .isNull();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
