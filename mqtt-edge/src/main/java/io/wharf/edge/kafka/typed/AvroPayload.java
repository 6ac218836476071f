package io.wharf.edge.kafka.typed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** An Avro schema: a device's JSON becomes Avro binary, and Avro binary becomes that JSON again. */
final class AvroPayload implements PayloadSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema schema;
    private final int schemaId;
    private final GenericDatumWriter<Object> writer;
    private final GenericDatumReader<Object> reader;

    private AvroPayload(Schema schema, int schemaId) {
        this.schema = schema;
        this.schemaId = schemaId;
        this.writer = new GenericDatumWriter<>(schema);
        this.reader = new GenericDatumReader<>(schema);
    }

    /**
     * @param schemaId the registry's id, or null to derive it from the schema's Parsing Canonical
     *     Form (which leaves out doc strings, defaults and aliases)
     */
    static AvroPayload of(String schemaText, Integer schemaId) {
        Schema schema = new Schema.Parser().parse(schemaText);
        return new AvroPayload(
                schema, schemaId != null ? schemaId : SchemaIds.derived(SchemaNormalization.toParsingForm(schema)));
    }

    Schema schema() {
        return schema;
    }

    @Override
    public int schemaId() {
        return schemaId;
    }

    @Override
    public byte[] encode(byte[] json) throws InvalidPayloadException {
        Object datum;
        try {
            datum = AvroJson.toAvro(JSON.readTree(json), schema, "");
        } catch (IOException notJson) {
            throw new InvalidPayloadException("not JSON: " + notJson.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new InvalidPayloadException("does not fit the Avro schema: " + e.getMessage());
        }
        return out.toByteArray();
    }

    @Override
    public byte[] decode(byte[] body) throws InvalidPayloadException {
        try {
            Object datum = reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
            return JSON.writeValueAsBytes(AvroJson.toJson(datum, schema));
        } catch (IOException | RuntimeException e) {
            throw new InvalidPayloadException("not Avro under the rule's schema: " + e.getMessage());
        }
    }
}
