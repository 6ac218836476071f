package io.wharf.edge.kafka.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Plain JSON, as devices send it, to Avro's data model and back, guided by the schema: a union
 * takes the first branch the value fits (so a nullable field is a value or null, not Avro's
 * {@code {"type": value}} JSON encoding), a missing field its default, bytes and fixed a string of
 * their ISO-8859-1 characters (as in Avro's own JSON encoding).
 */
final class AvroJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    /** @throws InvalidPayloadException naming the field that does not fit */
    static Object toAvro(JsonNode json, Schema schema, String path) throws InvalidPayloadException {
        switch (schema.getType()) {
            case RECORD -> {
                if (!json.isObject()) {
                    throw mismatch(path, "an object", json);
                }
                GenericRecord record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode value = json.get(field.name());
                    if (value == null) {
                        if (!field.hasDefaultValue()) {
                            throw new InvalidPayloadException(path + field.name() + " is missing");
                        }
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), toAvro(value, field.schema(), path + field.name() + "."));
                    }
                }
                return record;
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    try {
                        return toAvro(json, branch, path);
                    } catch (InvalidPayloadException notThisOne) {
                        // the next branch may fit
                    }
                }
                throw mismatch(path, "one of " + schema.getTypes(), json);
            }
            case ARRAY -> {
                if (!json.isArray()) {
                    throw mismatch(path, "an array", json);
                }
                List<Object> items = new ArrayList<>();
                for (JsonNode item : json) {
                    items.add(toAvro(item, schema.getElementType(), path + "[]."));
                }
                return new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!json.isObject()) {
                    throw mismatch(path, "an object", json);
                }
                Map<String, Object> map = new HashMap<>();
                for (Map.Entry<String, JsonNode> entry : json.properties()) {
                    map.put(
                            entry.getKey(),
                            toAvro(entry.getValue(), schema.getValueType(), path + entry.getKey() + "."));
                }
                return map;
            }
            case ENUM -> {
                if (!json.isTextual() || !schema.hasEnumSymbol(json.asText())) {
                    throw mismatch(path, "one of " + schema.getEnumSymbols(), json);
                }
                return new GenericData.EnumSymbol(schema, json.asText());
            }
            case STRING -> {
                if (!json.isTextual()) {
                    throw mismatch(path, "a string", json);
                }
                return json.asText();
            }
            case BYTES -> {
                if (!json.isTextual()) {
                    throw mismatch(path, "a string of bytes", json);
                }
                return ByteBuffer.wrap(json.asText().getBytes(StandardCharsets.ISO_8859_1));
            }
            case FIXED -> {
                byte[] bytes = json.isTextual() ? json.asText().getBytes(StandardCharsets.ISO_8859_1) : null;
                if (bytes == null || bytes.length != schema.getFixedSize()) {
                    throw mismatch(path, schema.getFixedSize() + " bytes", json);
                }
                return new GenericData.Fixed(schema, bytes);
            }
            case INT -> {
                if (!json.isIntegralNumber() || !json.canConvertToInt()) {
                    throw mismatch(path, "an int", json);
                }
                return json.intValue();
            }
            case LONG -> {
                if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                    throw mismatch(path, "a long", json);
                }
                return json.longValue();
            }
            case FLOAT -> {
                if (!json.isNumber()) {
                    throw mismatch(path, "a number", json);
                }
                return json.floatValue();
            }
            case DOUBLE -> {
                if (!json.isNumber()) {
                    throw mismatch(path, "a number", json);
                }
                return json.doubleValue();
            }
            case BOOLEAN -> {
                if (!json.isBoolean()) {
                    throw mismatch(path, "true or false", json);
                }
                return json.booleanValue();
            }
            case NULL -> {
                if (!json.isNull()) {
                    throw mismatch(path, "null", json);
                }
                return null;
            }
            default -> throw new InvalidPayloadException(path + " has a type JSON cannot give: " + schema.getType());
        }
    }

    /** Avro's data, as the plain JSON a device would have sent. */
    static JsonNode toJson(Object value, Schema schema) {
        if (value == null) {
            return NODES.nullNode();
        }
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                return object;
            }
            case UNION -> {
                return toJson(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (Collection<?>) value) {
                    array.add(toJson(item, schema.getElementType()));
                }
                return array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value)
                        .forEach((key, item) -> object.set(key.toString(), toJson(item, schema.getValueType())));
                return object;
            }
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return NODES.textNode(new String(bytes, StandardCharsets.ISO_8859_1));
            }
            case FIXED -> {
                return NODES.textNode(new String(((GenericData.Fixed) value).bytes(), StandardCharsets.ISO_8859_1));
            }
            case ENUM, STRING -> {
                return NODES.textNode(value.toString());
            }
            case INT -> {
                return NODES.numberNode((Integer) value);
            }
            case LONG -> {
                return NODES.numberNode((Long) value);
            }
            case FLOAT -> {
                return NODES.numberNode((Float) value);
            }
            case DOUBLE -> {
                return NODES.numberNode((Double) value);
            }
            case BOOLEAN -> {
                return NODES.booleanNode((Boolean) value);
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    private static InvalidPayloadException mismatch(String path, String expected, JsonNode actual) {
        String where = path.isEmpty() ? "the payload" : path.substring(0, path.length() - 1);
        return new InvalidPayloadException(where + " must be " + expected + ", not "
                + actual.getNodeType().name().toLowerCase());
    }
}
