package io.wharf.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.MessageRecordFormat.MetadataHeader;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/**
 * Message records are read by every Kafka consumer of the device data; their headers are pinned
 * here: the table of metadata headers, and the JSON rendering of the headers {@link MessageCodec}
 * writes. The records themselves are pinned by {@code MessageCodecTest}.
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
    void headersAsTheCodecWritesThemRenderAsTheGoldenFileSays() throws Exception {
        ApplicationMessage message = new ApplicationMessage(
                "sensors/7/temperature",
                new byte[0],
                2,
                true,
                "sensor-7",
                0L,
                new ApplicationMessage.Properties(
                        1,
                        3600L,
                        "application/json",
                        "replies/sensor-7",
                        new byte[] {0x00, 0x2a, (byte) 0xff, 0x10},
                        List.of(
                                new ApplicationMessage.UserProperty("unit", "celsius"),
                                new ApplicationMessage.UserProperty("tag", "roof"),
                                new ApplicationMessage.UserProperty("tag", "north"),
                                new ApplicationMessage.UserProperty("mqtt.origin", "plant-1"))));

        assertPinned(MessageCodec.toRecord("mqtt.messages", message).headers(), "message-headers-full.json");
    }

    @Test
    void aRecordWithoutHeadersRendersAsAnEmptyObject() throws Exception {
        ApplicationMessage message = new ApplicationMessage(
                "sensors/7/temperature", new byte[0], 0, false, null, 0L, ApplicationMessage.Properties.NONE);

        assertPinned(MessageCodec.toRecord("mqtt.messages", message).headers(), "message-headers-minimal.json");
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

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
