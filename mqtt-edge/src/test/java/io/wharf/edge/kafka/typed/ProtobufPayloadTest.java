package io.wharf.edge.kafka.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DescriptorProtos;
import io.wharf.edge.kafka.typed.example.Command;
import io.wharf.edge.kafka.typed.example.Telemetry;
import io.wharf.schemas.mapping.PayloadRule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufPayloadTest {

    /** What protoc wrote for src/test/protobuf (the build's protobuf-maven-plugin runs it). */
    static final Path DESCRIPTOR_SET = Path.of("target", "test-descriptors", "telemetry.desc");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonBecomesTheProtobufMessageBehindTheFirstMessagesIndexAndBackTheSameJson() throws Exception {
        ProtobufPayload schema = ProtobufPayload.of(descriptorSet(), "example.Telemetry", null);
        byte[] payload = utf8("{\"temperature\": 21.5, \"unit\": \"FAHRENHEIT\", \"battery\": 87,"
                + " \"tags\": [\"roof\"], \"measured_at\": \"2026-12-03T10:00:00Z\"}");

        WireFormat.Framed framed = WireFormat.unframe(
                ((PayloadOutcome.Typed) PayloadOutcome.check(schema, PayloadRule.Invalid.REJECT, payload)).value());

        assertThat(framed.body()[0])
                .as("the message indexes [0], as the single byte 0")
                .isZero();
        Telemetry read = Telemetry.parseFrom(Arrays.copyOfRange(framed.body(), 1, framed.body().length));
        assertThat(read.getTemperature()).isEqualTo(21.5);
        assertThat(read.getUnit()).isEqualTo(Telemetry.Unit.FAHRENHEIT);
        assertThat(read.getBattery()).isEqualTo(87);
        assertThat(read.getTagsList()).containsExactly("roof");
        assertThat(read.getMeasuredAt().getSeconds()).isEqualTo(1796292000L);
        assertThat(JSON.readTree(schema.decode(framed.body())))
                .isEqualTo(JSON.readTree("{\"temperature\": 21.5, \"unit\": \"FAHRENHEIT\", \"battery\": 87,"
                        + " \"tags\": [\"roof\"], \"measured_at\": \"2026-12-03T10:00:00Z\"}"));
    }

    @Test
    void theIdIsDerivedFromTheMessagesFileAsTheDescriptorSetHoldsIt() throws Exception {
        DescriptorProtos.FileDescriptorProto file =
                DescriptorProtos.FileDescriptorSet.parseFrom(descriptorSet()).getFileList().stream()
                        .filter(proto -> proto.getName().equals("example/telemetry.proto"))
                        .findFirst()
                        .orElseThrow();

        assertThat(ProtobufPayload.of(descriptorSet(), "example.Telemetry", null)
                        .schemaId())
                .isEqualTo(SchemaIds.derived(file.toByteArray()))
                .isEqualTo(ProtobufPayload.of(descriptorSet(), "example.Command", null)
                        .schemaId());
        assertThat(ProtobufPayload.of(descriptorSet(), "example.Telemetry", 42).schemaId())
                .isEqualTo(42);
    }

    @Test
    void aLaterMessageOfTheFileIsNamedByItsIndexesAndReadBackByThem() throws Exception {
        ProtobufPayload commands = ProtobufPayload.of(descriptorSet(), "example.Command", null);

        byte[] body = commands.encode(utf8("{\"action\": \"reboot\"}"));

        // count 1, index 1, each a zig-zag varint
        assertThat(Arrays.copyOf(body, 2)).containsExactly(2, 2);
        assertThat(Command.parseFrom(Arrays.copyOfRange(body, 2, body.length)).getAction())
                .isEqualTo("reboot");
        assertThat(JSON.readTree(commands.decode(body))).isEqualTo(JSON.readTree("{\"action\": \"reboot\"}"));
    }

    @Test
    void indexesAreReadInBothFormsSerializersWrite() throws Exception {
        assertThat(MessageIndexes.read(ByteBuffer.wrap(new byte[] {0}))).isEqualTo(List.of(0));
        assertThat(MessageIndexes.read(ByteBuffer.wrap(new byte[] {2, 0}))).isEqualTo(List.of(0));
        assertThat(MessageIndexes.read(ByteBuffer.wrap(MessageIndexes.write(List.of(3, 1, 70)))))
                .isEqualTo(List.of(3, 1, 70));
        assertThatThrownBy(() -> MessageIndexes.read(ByteBuffer.wrap(new byte[] {(byte) 0x80})))
                .isInstanceOf(InvalidPayloadException.class);
    }

    @Test
    void jsonThatIsNoSuchMessageIsInvalidSayingWhy() throws Exception {
        ProtobufPayload schema = ProtobufPayload.of(descriptorSet(), "example.Telemetry", null);

        assertThat(PayloadOutcome.check(schema, PayloadRule.Invalid.REJECT, utf8("{\"temperature\": \"hot\"}")))
                .isInstanceOfSatisfying(
                        PayloadOutcome.Invalid.class,
                        invalid -> assertThat(invalid.why())
                                .contains("example.Telemetry")
                                .contains("\"hot\""));
        assertThat(PayloadOutcome.check(schema, PayloadRule.Invalid.REJECT, utf8("{\"colour\": \"red\"}")))
                .isInstanceOfSatisfying(
                        PayloadOutcome.Invalid.class,
                        invalid -> assertThat(invalid.why()).contains("colour"));
        assertThat(PayloadOutcome.check(schema, PayloadRule.Invalid.REJECT, utf8("not json")))
                .isInstanceOf(PayloadOutcome.Invalid.class);
    }

    @Test
    void aMessageTheSetDoesNotHoldIsNamedWithTheOnesItDoes() {
        assertThatThrownBy(() -> ProtobufPayload.of(descriptorSet(), "example.Telemetri", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("example.Telemetri")
                .hasMessageContaining("example.Telemetry")
                .hasMessageContaining("google.protobuf.Timestamp");
        assertThatThrownBy(() -> ProtobufPayload.of(utf8("{\"not\": \"a descriptor set\"}"), "example.Telemetry", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("descriptor_set_out");
    }

    static byte[] descriptorSet() throws Exception {
        return Files.readAllBytes(DESCRIPTOR_SET);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
