package io.wharf.edge.kafka.typed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A JSON Schema: a payload valid under it is written as it came, behind the wire-format prefix;
 * read back, the prefix goes and the JSON stays. Schemas without {@code $schema} are read as draft
 * 2020-12.
 */
final class JsonSchemaPayload implements PayloadSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Schema schema;
    private final int schemaId;

    private JsonSchemaPayload(Schema schema, int schemaId) {
        this.schema = schema;
        this.schemaId = schemaId;
    }

    /** @param schemaId the registry's id, or null to derive it from the schema's compacted text */
    static JsonSchemaPayload of(String schemaText, Integer schemaId) throws JsonProcessingException {
        String compacted = JSON.writeValueAsString(JSON.readTree(schemaText));
        return new JsonSchemaPayload(
                SCHEMAS.getSchema(schemaText, InputFormat.JSON),
                schemaId != null ? schemaId : SchemaIds.derived(compacted));
    }

    @Override
    public int schemaId() {
        return schemaId;
    }

    @Override
    public byte[] encode(byte[] json) throws InvalidPayloadException {
        String text = new String(json, StandardCharsets.UTF_8);
        List<Error> errors;
        try {
            errors = schema.validate(text, InputFormat.JSON);
        } catch (RuntimeException notJson) {
            throw new InvalidPayloadException("not JSON: " + notJson.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidPayloadException("not valid under the JSON Schema: "
                    + String.join("; ", errors.stream().map(Error::toString).toList()));
        }
        return json;
    }

    @Override
    public byte[] decode(byte[] body) {
        return body;
    }
}
