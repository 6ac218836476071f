package io.wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's settings for every Kafka client Wharf creates (producers, consumers, admin clients,
 * Kafka Streams, {@code wharf replay}): {@code security.protocol}, {@code sasl.*}, {@code ssl.*},
 * {@code client.rack} and the rest, keys as Kafka spells them. They come from the YAML map {@value
 * #KEY} and from {@code WHARF_KAFKA_PROPERTY_...} environment variables (which win), and never
 * replace a setting Wharf's guarantees rest on.
 */
final class KafkaClientProperties {

    static final String KEY = "kafka-properties";
    static final String ENVIRONMENT_PREFIX = "WHARF_KAFKA_PROPERTY_";

    /** The settings Wharf chooses itself, and why a user may not. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("bootstrap.servers", "set the cluster with --kafka (kafka:)"),
            Map.entry("acks", "an acknowledged MQTT message must be on every in-sync replica (acks=all)"),
            Map.entry("enable.idempotence", "retries must not write a message twice"),
            Map.entry("isolation.level", "only committed QoS 2 messages may reach subscribers (read_committed)"),
            Map.entry("enable.auto.commit", "Wharf tracks every reader's position itself"),
            Map.entry("transactional.id", "each edge fences its own QoS 2 transactions"),
            Map.entry("processing.guarantee", "wills are published exactly once (exactly_once_v2)"),
            Map.entry("application.id", "the router's applications are named after the topic prefix"),
            Map.entry("group.id", "Wharf names its consumer groups itself"),
            Map.entry("key.serializer", "Wharf writes its records' bytes itself"),
            Map.entry("value.serializer", "Wharf writes its records' bytes itself"),
            Map.entry("key.deserializer", "Wharf reads its records' bytes itself"),
            Map.entry("value.deserializer", "Wharf reads its records' bytes itself"));

    private KafkaClientProperties() {}

    /**
     * The settings of the config file's map, overridden by the environment's; every problem, each
     * with its fix, goes to {@code errors}.
     *
     * @param fromFile the value of {@value #KEY} in the config file, or null
     * @param source where {@code fromFile} comes from, for messages
     */
    static Map<String, String> resolve(
            JsonNode fromFile, String source, Map<String, String> environment, List<String> errors) {
        Map<String, String> properties = new TreeMap<>();
        if (fromFile != null && !fromFile.isNull()) {
            if (!fromFile.isObject()) {
                errors.add("'" + KEY + "' in " + source
                        + " must be a mapping of Kafka client settings, like 'security.protocol: SASL_SSL'");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> fields = fromFile.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().isValueNode()) {
                        properties.put(field.getKey(), field.getValue().asText());
                    } else {
                        errors.add("'" + KEY + "." + field.getKey() + "' in " + source + " must be a single value");
                    }
                }
            }
        }
        environment.forEach((variable, value) -> {
            if (variable.startsWith(ENVIRONMENT_PREFIX) && variable.length() > ENVIRONMENT_PREFIX.length()) {
                properties.put(fromVariable(variable), value);
            }
        });
        properties.keySet().forEach(key -> {
            String reason = FIXED.get(key);
            if (reason != null) {
                errors.add("the Kafka client setting '" + key + "' (" + KEY + " or " + variable(key)
                        + ") cannot be changed: " + reason + "; remove it");
            }
        });
        properties.keySet().removeAll(FIXED.keySet());
        return Map.copyOf(properties);
    }

    /** {@code WHARF_KAFKA_PROPERTY_SASL_MECHANISM} is {@code sasl.mechanism}: Kafka's keys are dotted lower case. */
    static String fromVariable(String variable) {
        return variable.substring(ENVIRONMENT_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    static String variable(String key) {
        return ENVIRONMENT_PREFIX
                + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The keys only, for logs: values may be secrets (passwords, JAAS configs, keys). */
    static String describe(Map<String, String> properties) {
        return properties.isEmpty() ? "none" : String.join(", ", new TreeMap<>(properties).keySet());
    }
}
