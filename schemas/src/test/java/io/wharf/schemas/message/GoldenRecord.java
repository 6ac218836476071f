package io.wharf.schemas.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.schemas.Golden;
import io.wharf.schemas.Json;
import io.wharf.schemas.MessageRecordFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A message record in a golden file, byte for byte and in order: the key, the value (null for a
 * tombstone), the timestamp, and the headers as a list, each with its value as {@code utf8} text or,
 * for the headers the format says are bytes, as {@code base64}. A payload that is not UTF-8 text is
 * {@code base64} too.
 */
final class GoldenRecord {

    private GoldenRecord() {}

    /** A written record in the golden form, to compare as JSON with a golden file. */
    static JsonNode render(ProducerRecord<byte[], byte[]> record) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("key", new String(record.key(), StandardCharsets.UTF_8));
        if (record.value() == null) {
            json.putNull("value");
        } else {
            json.set("value", bytes(record.value(), !isText(record.value())));
        }
        json.put("timestamp", record.timestamp());
        ArrayNode headers = json.putArray("headers");
        for (Header header : record.headers()) {
            ObjectNode rendered = bytes(
                    header.value(), MessageRecordFormat.encodingOf(header.key()) == MessageRecordFormat.Encoding.BYTES);
            headers.add(Json.MAPPER.createObjectNode().put("name", header.key()).setAll(rendered));
        }
        return json;
    }

    /** The golden file's tree. */
    static JsonNode tree(String golden) throws IOException {
        return Json.MAPPER.readTree(Golden.text(golden));
    }

    /** The golden file as a record a consumer reads (of partition 0 of {@code kafkaTopic}, offset 0). */
    static ConsumerRecord<byte[], byte[]> consumed(String kafkaTopic, String golden) throws IOException {
        JsonNode json = tree(golden);
        byte[] key = json.get("key").asText().getBytes(StandardCharsets.UTF_8);
        byte[] value = json.get("value").isNull() ? null : bytes(json.get("value"));
        RecordHeaders headers = new RecordHeaders();
        json.get("headers").forEach(header -> headers.add(header.get("name").asText(), bytes(header)));
        return new ConsumerRecord<>(
                kafkaTopic,
                0,
                0L,
                json.get("timestamp").asLong(),
                TimestampType.CREATE_TIME,
                key.length,
                value == null ? -1 : value.length,
                key,
                value,
                headers,
                Optional.empty());
    }

    private static ObjectNode bytes(byte[] value, boolean base64) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (value == null) {
            json.putNull("utf8");
        } else if (base64) {
            json.put("base64", Base64.getEncoder().encodeToString(value));
        } else {
            json.put("utf8", new String(value, StandardCharsets.UTF_8));
        }
        return json;
    }

    private static byte[] bytes(JsonNode json) {
        if (json.has("base64")) {
            return Base64.getDecoder().decode(json.get("base64").asText());
        }
        JsonNode text = json.get("utf8");
        return text.isNull() ? null : text.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isText(byte[] value) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
