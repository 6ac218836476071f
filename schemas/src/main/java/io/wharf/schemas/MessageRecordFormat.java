package io.wharf.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The message record, described for outside readers. Records of {@code mqtt.messages}, of mapped
 * topics and of {@code mqtt.retained} are not JSON: the key is the MQTT topic name (UTF-8), the
 * value is the payload byte for byte, the timestamp is when the edge received the message, and the
 * MQTT metadata travels in the headers listed in {@link #METADATA}. MQTT 5 user properties are
 * headers of their own names, as UTF-8 text (see {@link MessageHeaders#headerForUserProperty}).
 *
 * <p>For tools that want the headers as JSON, {@link #headersToJson} renders them in the form
 * {@link SchemaDocument#MESSAGE_HEADERS} describes, and {@link #headersFromJson} reads that form
 * back.
 */
public final class MessageRecordFormat {

    /** How the bytes of a header's value are to be read. */
    public enum Encoding {
        /** UTF-8 text. */
        TEXT,
        /** A non-negative decimal integer as UTF-8 text. */
        DECIMAL,
        /** {@code true} as UTF-8 text; Wharf writes the header only when the flag is set. */
        BOOLEAN,
        /** Bytes as they are; base64 in the JSON rendering. */
        BYTES
    }

    /**
     * One header that carries MQTT metadata.
     *
     * @param name the Kafka header name
     * @param encoding how its value reads
     * @param carries which part of the MQTT message it holds, and the values Wharf writes
     * @param whenAbsent what a record without the header means
     */
    public record MetadataHeader(String name, Encoding encoding, String carries, String whenAbsent) {}

    /** The metadata headers, in the order the edge writes them; each occurs at most once. */
    public static final List<MetadataHeader> METADATA = List.of(
            new MetadataHeader(
                    MessageHeaders.TOPIC,
                    Encoding.TEXT,
                    "the MQTT topic, when a mapping rule keys the record by the topic's first levels",
                    "the key is the MQTT topic"),
            new MetadataHeader(MessageHeaders.QOS, Encoding.DECIMAL, "the QoS it was published with: 1 or 2", "QoS 0"),
            new MetadataHeader(
                    MessageHeaders.RETAIN, Encoding.BOOLEAN, "the PUBLISH retain flag: true", "not retained"),
            new MetadataHeader(
                    MessageHeaders.CLIENT_ID,
                    Encoding.TEXT,
                    "the client id of the publisher",
                    "not published by an MQTT client"),
            new MetadataHeader(
                    MessageHeaders.PAYLOAD_FORMAT,
                    Encoding.DECIMAL,
                    "MQTT 5 payload format indicator: 0 unspecified bytes, 1 UTF-8 text",
                    "unspecified bytes"),
            new MetadataHeader(
                    MessageHeaders.MESSAGE_EXPIRY,
                    Encoding.DECIMAL,
                    "MQTT 5 message expiry interval in seconds, counted from the record's timestamp",
                    "never expires"),
            new MetadataHeader(MessageHeaders.CONTENT_TYPE, Encoding.TEXT, "MQTT 5 content type", "no content type"),
            new MetadataHeader(
                    MessageHeaders.RESPONSE_TOPIC, Encoding.TEXT, "MQTT 5 response topic", "no response topic"),
            new MetadataHeader(
                    MessageHeaders.CORRELATION_DATA, Encoding.BYTES, "MQTT 5 correlation data", "no correlation data"));

    private MessageRecordFormat() {}

    /** How the value of the header {@code name} reads: user properties and unknown names are text. */
    public static Encoding encodingOf(String name) {
        for (MetadataHeader header : METADATA) {
            if (header.name().equals(name)) {
                return header.encoding();
            }
        }
        return Encoding.TEXT;
    }

    /**
     * A record's headers as one JSON object: each header name maps to its value as a string (base64
     * for {@link Encoding#BYTES}, UTF-8 text for the rest; a header with no value reads as empty
     * text), or, for a name that occurs more than once (only user properties do), to the array of its
     * values in record order.
     */
    public static ObjectNode headersToJson(Headers headers) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        for (Header header : headers) {
            String value = render(header.key(), header.value());
            JsonNode seen = json.get(header.key());
            if (seen == null) {
                json.put(header.key(), value);
            } else if (seen.isArray()) {
                ((ArrayNode) seen).add(value);
            } else {
                json.putArray(header.key()).add(seen).add(value);
            }
        }
        return json;
    }

    /** Kafka headers from their JSON rendering; headers of one name keep their order. */
    public static Headers headersFromJson(JsonNode json) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getValue().isArray()) {
                field.getValue().forEach(value -> headers.add(field.getKey(), parse(field.getKey(), value.asText())));
            } else {
                headers.add(
                        field.getKey(), parse(field.getKey(), field.getValue().asText()));
            }
        }
        return headers;
    }

    private static String render(String name, byte[] value) {
        if (value == null) {
            return "";
        }
        return encodingOf(name) == Encoding.BYTES
                ? Base64.getEncoder().encodeToString(value)
                : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] parse(String name, String text) {
        return encodingOf(name) == Encoding.BYTES
                ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
    }
}
