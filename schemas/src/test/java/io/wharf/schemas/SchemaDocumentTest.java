package io.wharf.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaDocumentTest {

    @ParameterizedTest
    @EnumSource(SchemaDocument.class)
    void eachDocumentShipsAsADraft202012SchemaWithItsOwnId(SchemaDocument document) throws Exception {
        JsonNode schema;
        try (InputStream in = document.open()) {
            schema = Json.MAPPER.readTree(in);
        }

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).startsWith("urn:wharf:schemas:");
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(SchemaDocument.class)
    void noDocumentClosesItsRecordToNewFields(SchemaDocument document) throws Exception {
        try (InputStream in = document.open()) {
            assertThat(Json.MAPPER.readTree(in).findValues("additionalProperties"))
                    .noneMatch(JsonNode::isBoolean);
        }
    }

    @Test
    void theDocumentsHaveDistinctIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (SchemaDocument document : SchemaDocument.values()) {
            try (InputStream in = document.open()) {
                ids.add(Json.MAPPER.readTree(in).path("$id").asText());
            }
        }

        assertThat(ids).doesNotHaveDuplicates();
    }
}
