package io.wharf.edge.kafka.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.log.PayloadInvalidException;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.schemas.message.DeadLetters;
import io.wharf.schemas.topic.TopicFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedTopicsTest {

    @TempDir
    Path dir;

    private final List<PayloadOutcome.Invalid> seen = new ArrayList<>();

    @Test
    void aRawTopicsRecordStaysAsItIs() throws Exception {
        ProducerRecord<byte[], byte[]> plain = plain("other", "anything");

        assertThat(topics(PayloadRule.Invalid.REJECT).record(plain, seen::add)).isSameAs(plain);
        assertThat(seen).isEmpty();
    }

    @Test
    void aValidPayloadIsFramedAndKeepsKeyAndHeaders() throws Exception {
        ProducerRecord<byte[], byte[]> typed =
                topics(PayloadRule.Invalid.REJECT).record(plain("telemetry", "{\"temperature\": 1}"), seen::add);

        assertThat(WireFormat.unframe(typed.value())).isNotNull();
        assertThat(typed.key()).isEqualTo(utf8("devices/1"));
        assertThat(typed.headers().lastHeader("mqtt.qos").value()).isEqualTo(utf8("1"));
        assertThat(seen).isEmpty();
    }

    @Test
    void eachRuleSaysWhatBecomesOfAnInvalidPayload() throws Exception {
        assertThatThrownBy(() -> topics(PayloadRule.Invalid.REJECT).record(plain("telemetry", "{}"), seen::add))
                .isInstanceOf(PayloadInvalidException.class)
                .hasMessageContaining("telemetry");

        ProducerRecord<byte[], byte[]> dead =
                topics(PayloadRule.Invalid.DEAD_LETTER).record(plain("telemetry", "{}"), seen::add);
        assertThat(dead.topic()).isEqualTo("mqtt.dead-letter");
        assertThat(dead.value()).isEqualTo(utf8("{}"));
        assertThat(dead.headers().lastHeader(DeadLetters.TOPIC).value()).isEqualTo(utf8("telemetry"));
        assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .contains("temperature");

        ProducerRecord<byte[], byte[]> passed = plain("telemetry", "{}");
        assertThat(topics(PayloadRule.Invalid.PASS).record(passed, seen::add)).isSameAs(passed);

        assertThat(seen)
                .extracting(PayloadOutcome.Invalid::action)
                .containsExactly(PayloadRule.Invalid.REJECT, PayloadRule.Invalid.DEAD_LETTER, PayloadRule.Invalid.PASS);
    }

    @Test
    void aSchemaThatCannotBeReadNamesItsRule() {
        MappingRule rule = rule(PayloadRule.Invalid.REJECT, dir.resolve("missing.json"));

        assertThatThrownBy(() -> TypedTopics.load(List.of(rule), "mqtt.", SchemaSource.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("devices/#")
                .hasMessageContaining("missing.json");
    }

    private TypedTopics topics(PayloadRule.Invalid invalid) throws IOException {
        Path schema = Files.writeString(dir.resolve("telemetry.json"), PayloadOutcomeTest.JSON_SCHEMA);
        return TypedTopics.load(List.of(rule(invalid, schema)), "mqtt.", SchemaSource.NONE);
    }

    private static MappingRule rule(PayloadRule.Invalid invalid, Path schema) {
        return new MappingRule(
                TopicFilter.parse("devices/#"),
                "telemetry",
                1,
                (short) 1,
                Duration.ofDays(1),
                2,
                new PayloadRule(PayloadRule.Format.JSON_SCHEMA, schema.toString(), null, invalid));
    }

    private static ProducerRecord<byte[], byte[]> plain(String topic, String payload) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, 1L, utf8("devices/1"), utf8(payload));
        record.headers().add("mqtt.qos", utf8("1"));
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
