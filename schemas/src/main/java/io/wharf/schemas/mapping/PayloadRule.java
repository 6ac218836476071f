package io.wharf.schemas.mapping;

import java.util.Locale;

/**
 * What a mapping rule says of its messages' payloads: written as they came ({@link Format#RAW}), or
 * checked against a schema and written in the schema registry's wire format (magic byte 0, the
 * schema's 4-byte id, the body).
 *
 * @param schema the schema file (or, with a registry, the subject); null for raw payloads. For
 *     Protobuf without a registry, the descriptor set file
 * @param registry the schema registry's base URL; null when the schema's id is derived from the file
 * @param invalid what happens to a payload that does not fit the schema
 * @param mqtt3Refusal how an MQTT 3.1.1 client, which no PUBACK can tell, learns of a refused payload
 * @param message Protobuf only: the full name of the message type the payloads are
 * @param descriptorSet Protobuf with a registry: the descriptor set file the message type is read
 *     from (the registry gives the id); null otherwise
 */
public record PayloadRule(
        Format format,
        String schema,
        String registry,
        Invalid invalid,
        Mqtt3Refusal mqtt3Refusal,
        String message,
        String descriptorSet) {

    /** Payloads as they came, checked by nothing. */
    public static final PayloadRule RAW = new PayloadRule(Format.RAW, null, null, Invalid.REJECT);

    /** A rule of a format that needs no more than a schema: raw, JSON Schema or Avro. */
    public PayloadRule(Format format, String schema, String registry, Invalid invalid) {
        this(format, schema, registry, invalid, Mqtt3Refusal.DROP, null, null);
    }

    public boolean typed() {
        return format != Format.RAW;
    }

    /** How a rule's payloads are written to Kafka. */
    public enum Format {
        /** byte for byte */
        RAW,
        /** JSON, valid under a JSON Schema; the JSON bytes after the wire-format prefix */
        JSON_SCHEMA,
        /** JSON converted to Avro binary under an Avro schema */
        AVRO,
        /** JSON converted to a Protobuf message, after the message indexes the wire format adds */
        PROTOBUF;

        /** Its name in the config: {@code raw}, {@code json-schema}, {@code avro}, {@code protobuf}. */
        public String configName() {
            return PayloadRule.configName(this);
        }
    }

    /** What becomes of a payload that does not fit the schema. */
    public enum Invalid {
        /** not written: MQTT 5 PUBACK or PUBREC 0x99 Payload format invalid; 3.1.1 as {@link Mqtt3Refusal} says */
        REJECT,
        /** written to the dead-letter topic, as it came, with headers that say why */
        DEAD_LETTER,
        /** written to the rule's topic as it came, without the wire-format prefix */
        PASS;

        public String configName() {
            return PayloadRule.configName(this);
        }
    }

    /** A refused payload from an MQTT 3.1.1 client, whose PUBACK and PUBREC carry no reason code. */
    public enum Mqtt3Refusal {
        /** acknowledged as usual and dropped: sending it again would not make it fit */
        DROP,
        /** the connection is closed, so the device notices that something is wrong */
        CLOSE;

        public String configName() {
            return PayloadRule.configName(this);
        }
    }

    /** A setting's name in the config: lower case, words joined by '-'. */
    public static String configName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
