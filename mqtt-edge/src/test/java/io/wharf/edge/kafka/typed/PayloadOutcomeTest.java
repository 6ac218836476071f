package io.wharf.edge.kafka.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.schemas.mapping.PayloadRule;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class PayloadOutcomeTest {

    static final String JSON_SCHEMA = """
            {"type": "object",
             "properties": {"temperature": {"type": "number"}, "unit": {"enum": ["C", "F"]}},
             "required": ["temperature"]}
            """;
    static final String AVRO_SCHEMA = """
            {"type": "record", "name": "Telemetry", "namespace": "devices",
             "fields": [
               {"name": "temperature", "type": "double"},
               {"name": "unit", "type": {"type": "enum", "name": "Unit", "symbols": ["C", "F"]}, "default": "C"},
               {"name": "battery", "type": ["null", "int"], "default": null},
               {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []}
             ]}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aValidJsonPayloadIsFramedWithTheSchemasIdAndKeptAsItCame() throws Exception {
        JsonSchemaPayload schema = JsonSchemaPayload.of(JSON_SCHEMA, null);
        byte[] payload = utf8("{\"temperature\": 21.5, \"unit\": \"C\"}");

        PayloadOutcome outcome = PayloadOutcome.check(schema, PayloadRule.Invalid.REJECT, payload);

        WireFormat.Framed framed = WireFormat.unframe(((PayloadOutcome.Typed) outcome).value());
        assertThat(framed.schemaId()).isEqualTo(schema.schemaId()).isPositive();
        assertThat(framed.body()).isEqualTo(payload);
    }

    @Test
    void anInvalidPayloadGetsWhatTheRuleSaysWithTheReason() throws Exception {
        JsonSchemaPayload schema = JsonSchemaPayload.of(JSON_SCHEMA, null);

        assertThat(PayloadOutcome.check(schema, PayloadRule.Invalid.DEAD_LETTER, utf8("{\"unit\": \"K\"}")))
                .isInstanceOfSatisfying(PayloadOutcome.Invalid.class, invalid -> {
                    assertThat(invalid.action()).isEqualTo(PayloadRule.Invalid.DEAD_LETTER);
                    assertThat(invalid.why()).contains("temperature");
                });
        assertThat(PayloadOutcome.check(schema, PayloadRule.Invalid.PASS, utf8("not json")))
                .isInstanceOfSatisfying(
                        PayloadOutcome.Invalid.class,
                        invalid -> assertThat(invalid.why()).startsWith("not JSON"));
    }

    @Test
    void jsonBecomesAvroBinaryThatAvroReadsAndBackTheSameJson() throws Exception {
        AvroPayload schema = AvroPayload.of(AVRO_SCHEMA, null);
        byte[] payload = utf8("{\"temperature\": 21.5, \"battery\": 87, \"tags\": [\"roof\"]}");

        byte[] value =
                ((PayloadOutcome.Typed) PayloadOutcome.check(schema, PayloadRule.Invalid.REJECT, payload)).value();

        WireFormat.Framed framed = WireFormat.unframe(value);
        Schema avro = new Schema.Parser().parse(AVRO_SCHEMA);
        assertThat(framed.schemaId()).isEqualTo(SchemaIds.derived(SchemaNormalization.toParsingForm(avro)));
        GenericRecord read = (GenericRecord)
                new GenericDatumReader<>(avro).read(null, DecoderFactory.get().binaryDecoder(framed.body(), null));
        assertThat(read.get("temperature")).isEqualTo(21.5);
        assertThat(read.get("unit").toString()).isEqualTo("C");
        assertThat(read.get("battery")).isEqualTo(87);
        assertThat(JSON.readTree(schema.decode(framed.body())))
                .isEqualTo(JSON.readTree(
                        "{\"temperature\": 21.5, \"unit\": \"C\", \"battery\": 87, \"tags\": [\"roof\"]}"));
    }

    @Test
    void jsonThatDoesNotFitTheAvroSchemaSaysWhichField() throws Exception {
        AvroPayload schema = AvroPayload.of(AVRO_SCHEMA, null);

        assertThatThrownBy(() -> schema.encode(utf8("{\"temperature\": \"warm\"}")))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("temperature must be a number");
        assertThatThrownBy(() -> schema.encode(utf8("{\"battery\": 3}")))
                .hasMessageContaining("temperature is missing");
        assertThatThrownBy(() -> schema.encode(utf8("{\"temperature\": 1, \"unit\": \"K\"}")))
                .hasMessageContaining("unit must be one of [C, F]");
    }

    @Test
    void aRegistrysIdIsUsedAsItIsAndAFilesIdIsTheSameEachTime() throws Exception {
        assertThat(AvroPayload.of(AVRO_SCHEMA, 42).schemaId()).isEqualTo(42);
        assertThat(AvroPayload.of(AVRO_SCHEMA, null).schemaId())
                .as("doc strings and layout do not change the id")
                .isEqualTo(AvroPayload.of(AVRO_SCHEMA.replace("\n", " "), null).schemaId());
        assertThat(JsonSchemaPayload.of(JSON_SCHEMA, null).schemaId())
                .isEqualTo(JsonSchemaPayload.of(JSON_SCHEMA.replace("\n", ""), null)
                        .schemaId());
    }

    @Test
    void aValueWithoutTheWireFormatIsNoFramedValue() {
        assertThat(WireFormat.unframe(utf8("{}"))).isNull();
        assertThat(WireFormat.unframe(new byte[] {0, 0, 0})).isNull();
        assertThat(WireFormat.unframe(WireFormat.frame(7, new byte[] {1})).schemaId())
                .isEqualTo(7);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
