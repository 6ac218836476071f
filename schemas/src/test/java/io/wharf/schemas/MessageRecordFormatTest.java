package io.wharf.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.MessageRecordFormat.MetadataHeader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * Message records are read by every Kafka consumer of the device data; their headers are pinned
 * here: the table of metadata headers, and the JSON rendering of a record's headers.
 */
class MessageRecordFormatTest {

    @Test
    void theMetadataHeadersAreAsTheGoldenTableSays() throws Exception {
        Golden.assertWrittenAs(MessageRecordFormat.METADATA, "message-header-table.json");

        MetadataHeader[] read = Json.MAPPER.readValue(Golden.text("message-header-table.json"), MetadataHeader[].class);

        assertThat(read).containsExactlyElementsOf(MessageRecordFormat.METADATA);
    }

    @Test
    void theTableNamesEveryMetadataHeaderOfMessageHeaders() throws Exception {
        assertThat(MessageRecordFormat.METADATA)
                .extracting(MetadataHeader::name)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(MessageHeaders.class.getFields())
                        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                        .map(MessageRecordFormatTest::value)
                        .filter(name -> !name.endsWith(".")) // the prefixes, not headers
                        .toList());
    }

    @Test
    void headersAsTheEdgeWritesThemRenderAsTheGoldenFileSays() throws Exception {
        Headers headers = new RecordHeaders();
        text(headers, MessageHeaders.QOS, "2");
        text(headers, MessageHeaders.RETAIN, "true");
        text(headers, MessageHeaders.CLIENT_ID, "sensor-7");
        text(headers, MessageHeaders.PAYLOAD_FORMAT, "1");
        text(headers, MessageHeaders.MESSAGE_EXPIRY, "3600");
        text(headers, MessageHeaders.CONTENT_TYPE, "application/json");
        text(headers, MessageHeaders.RESPONSE_TOPIC, "replies/sensor-7");
        headers.add(MessageHeaders.CORRELATION_DATA, new byte[] {0x00, 0x2a, (byte) 0xff, 0x10});
        text(headers, MessageHeaders.headerForUserProperty("unit"), "celsius");
        text(headers, MessageHeaders.headerForUserProperty("tag"), "roof");
        text(headers, MessageHeaders.headerForUserProperty("tag"), "north");
        text(headers, MessageHeaders.headerForUserProperty("mqtt.origin"), "plant-1");

        assertPinned(headers, "message-headers-full.json");
    }

    @Test
    void aRecordWithoutHeadersRendersAsAnEmptyObject() throws Exception {
        assertPinned(new RecordHeaders(), "message-headers-minimal.json");
    }

    @Test
    void theSchemaKeepsMetadataHeadersSingleAndInRange() {
        assertThat(Golden.errors("{\"mqtt.qos\":\"3\"}", SchemaDocument.MESSAGE_HEADERS))
                .isNotEmpty();
        assertThat(Golden.errors("{\"mqtt.qos\":[\"1\",\"2\"]}", SchemaDocument.MESSAGE_HEADERS))
                .isNotEmpty();
        assertThat(Golden.errors("{\"mqtt.correlation-data\":\"not base64!\"}", SchemaDocument.MESSAGE_HEADERS))
                .isNotEmpty();
    }

    private static void assertPinned(Headers headers, String golden) throws Exception {
        Golden.assertWrittenAs(MessageRecordFormat.headersToJson(headers), golden);
        assertThat(MessageRecordFormat.headersFromJson(Json.MAPPER.readTree(Golden.text(golden))))
                .isEqualTo(headers);
        Golden.assertValid(golden, SchemaDocument.MESSAGE_HEADERS);
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
