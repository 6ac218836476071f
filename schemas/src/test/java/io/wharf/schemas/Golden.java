package io.wharf.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checked-in golden files ({@code src/test/resources/golden/}) that pin the record formats outside
 * readers see. A failure here means a format changed: if the change is a compatible one (see
 * {@code schemas/README.md}), update the golden file in the same commit.
 */
public final class Golden {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<SchemaDocument, Schema> LOADED = new EnumMap<>(SchemaDocument.class);

    private Golden() {}

    /** The golden file's text. */
    public static String text(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden file pins {@code value}: it is how the value is written, reads back as it, and is valid under its schema. */
    public static <T> void assertPinned(T value, Class<? super T> type, String name, SchemaDocument document)
            throws IOException {
        assertWrittenAs(value, name);
        assertReadsAs(name, type, value);
        assertValid(name, document);
    }

    /** {@code value}, written with {@link Json#MAPPER}, is the golden file's JSON (as a tree: layout does not count). */
    public static void assertWrittenAs(Object value, String name) throws IOException {
        JsonNode written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
        assertThat(written)
                .as("%s written as JSON", value.getClass().getSimpleName())
                .isEqualTo(Json.MAPPER.readTree(text(name)));
    }

    /** The golden file reads as {@code expected}: same class, same values (arrays by content). */
    public static <T> T assertReadsAs(String name, Class<? super T> type, T expected) throws IOException {
        Object read = Json.MAPPER.readValue(text(name), type);
        assertThat(read)
                .isInstanceOf(expected.getClass())
                .usingRecursiveComparison()
                .isEqualTo(expected);
        @SuppressWarnings("unchecked")
        T typed = (T) read;
        return typed;
    }

    /** The golden file is valid under the JSON Schema document. */
    public static void assertValid(String name, SchemaDocument document) {
        assertThat(errors(text(name), document))
                .as("%s under %s", name, document.fileName())
                .isEmpty();
    }

    /** What the JSON Schema document finds wrong with {@code json}. */
    public static List<String> errors(String json, SchemaDocument document) {
        return schema(document).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    private static synchronized Schema schema(SchemaDocument document) {
        return LOADED.computeIfAbsent(document, Golden::load);
    }

    private static Schema load(SchemaDocument document) {
        try (InputStream in = document.open()) {
            return SCHEMAS.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
