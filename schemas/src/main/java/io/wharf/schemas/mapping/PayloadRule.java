package io.wharf.schemas.mapping;

import java.util.Locale;

/**
 * What a mapping rule says of its messages' payloads: written as they came ({@link Format#RAW}), or
 * checked against a schema and written in the schema registry's wire format (magic byte 0, the
 * schema's 4-byte id, the body).
 *
 * @param schema the schema file (or, with a registry, the subject); null for raw payloads
 * @param registry the schema registry's base URL; null when the schema's id is derived from the file
 * @param invalid what happens to a payload that does not fit the schema
 */
public record PayloadRule(Format format, String schema, String registry, Invalid invalid) {

    /** Payloads as they came, checked by nothing. */
    public static final PayloadRule RAW = new PayloadRule(Format.RAW, null, null, Invalid.REJECT);

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
        AVRO;

        /** Its name in the config: {@code raw}, {@code json-schema}, {@code avro}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What becomes of a payload that does not fit the schema. */
    public enum Invalid {
        /** not written: MQTT 5 PUBACK or PUBREC 0x99 Payload format invalid; 3.1.1 acknowledged and dropped */
        REJECT,
        /** written to the dead-letter topic, as it came, with headers that say why */
        DEAD_LETTER,
        /** written to the rule's topic as it came, without the wire-format prefix */
        PASS;

        public String configName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
