package io.wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code mapping:} list of the YAML config: one entry per rule, in the order they are
 * tried, each with {@code filter} and {@code topic} and optionally {@code partitions} (6),
 * {@code replication} (as many brokers as there are, up to 3), {@code retention} (7d) and
 * {@code key-levels} (0: key by the whole topic) and {@code payload} (raw; or a {@code format},
 * {@code schema}, {@code registry}, {@code invalid}, {@code reject-mqtt3} and, for Protobuf,
 * {@code message} and {@code descriptor-set} of {@link PayloadRule}).
 */
final class MappingRulesParser {

    static final String KEY = "mapping";

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._\\-]{1,249}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> FIELDS =
            Set.of("filter", "topic", "partitions", "replication", "retention", "key-levels", "payload");
    private static final Set<String> PAYLOAD_FIELDS =
            Set.of("format", "schema", "registry", "invalid", "reject-mqtt3", "message", "descriptor-set");

    private final List<String> errors;

    MappingRulesParser(List<String> errors) {
        this.errors = errors;
    }

    List<MappingRule> parse(JsonNode list, String file) {
        List<MappingRule> rules = new ArrayList<>();
        if (!list.isArray()) {
            errors.add("'" + KEY + "' in " + file
                    + " must be a list of rules, each like '- filter: devices/#' with 'topic: device-data'");
            return rules;
        }
        for (int i = 0; i < list.size(); i++) {
            MappingRule rule = rule(list.get(i), "mapping rule " + (i + 1) + " in " + file, file);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private MappingRule rule(JsonNode node, String where, String file) {
        if (!node.isObject()) {
            errors.add(where + " must be a mapping with 'filter' and 'topic'");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!FIELDS.contains(name)) {
                errors.add(where + " has an unknown field '" + name + "'; known fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        int errorsBefore = errors.size();
        TopicFilter filter = null;
        try {
            filter = TopicFilter.parse(node.path("filter").asText(""));
        } catch (InvalidTopicException e) {
            errors.add(where + ": 'filter' is not a topic filter: " + e.getMessage());
        }
        String topic = node.path("topic").asText("");
        if (!KAFKA_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            errors.add(where + ": 'topic' must be a Kafka topic name (letters, digits, '.', '_', '-'), not '" + topic
                    + "'");
        }
        int partitions = number(node, "partitions", 6, 1, 10_000, where);
        int replication = number(node, "replication", 0, 0, 32, where);
        int keyLevels = number(node, "key-levels", 0, 0, 100, where);
        Duration retention = duration(node.path("retention").asText("7d"), where);
        PayloadRule payload = node.has("payload") ? payload(node.get("payload"), where, file) : PayloadRule.RAW;
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new MappingRule(filter, topic, partitions, (short) replication, retention, keyLevels, payload);
    }

    /**
     * A rule's {@code payload:}. Without a registry the schema is a file, relative to the config
     * file's folder, and must be there; with one it is the subject (and Protobuf reads its message
     * type from a descriptor set file).
     */
    private PayloadRule payload(JsonNode node, String where, String file) {
        if (!node.isObject()) {
            errors.add(where + ": 'payload' must be a mapping, like 'format: avro' with 'schema: telemetry.avsc'");
            return PayloadRule.RAW;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!PAYLOAD_FIELDS.contains(name)) {
                errors.add(where + ": 'payload' has an unknown field '" + name + "'; known fields: "
                        + String.join(", ", PAYLOAD_FIELDS.stream().sorted().toList()));
            }
        }
        PayloadRule.Format format = choice(node, "format", PayloadRule.Format.values(), PayloadRule.Format.RAW, where);
        PayloadRule.Invalid invalid =
                choice(node, "invalid", PayloadRule.Invalid.values(), PayloadRule.Invalid.REJECT, where);
        PayloadRule.Mqtt3Refusal mqtt3Refusal =
                choice(node, "reject-mqtt3", PayloadRule.Mqtt3Refusal.values(), PayloadRule.Mqtt3Refusal.DROP, where);
        String registry = text(node, "registry");
        if (registry != null && !(registry.startsWith("http://") || registry.startsWith("https://"))) {
            errors.add(where + ": 'payload.registry' must be an http:// or https:// URL, not '" + registry + "'");
        }
        String schema = text(node, "schema");
        String message = text(node, "message");
        String descriptorSet = text(node, "descriptor-set");
        if (format == PayloadRule.Format.RAW) {
            return PayloadRule.RAW;
        }
        if (schema == null || schema.isBlank()) {
            errors.add(where + ": 'payload.format: " + format.configName()
                    + "' needs 'schema': a schema file, or a subject of the registry");
            return PayloadRule.RAW;
        }
        if (format != PayloadRule.Format.PROTOBUF) {
            if (message != null || descriptorSet != null) {
                errors.add(where + ": 'payload.message' and 'payload.descriptor-set' are for 'format: protobuf' only");
            }
        } else {
            if (message == null || message.isBlank()) {
                errors.add(where + ": 'payload.format: protobuf' needs 'message': the full name of the message"
                        + " type, like example.Telemetry");
            }
            if (registry != null && descriptorSet == null) {
                errors.add(where + ": 'payload.format: protobuf' with a registry needs 'descriptor-set': the file"
                        + " protoc --include_imports --descriptor_set_out writes, which holds the message type");
            } else if (registry == null && descriptorSet != null) {
                errors.add(where + ": without a registry, 'payload.schema' is the descriptor set file;"
                        + " leave out 'payload.descriptor-set'");
            }
        }
        if (registry == null) {
            schema = besideConfig(schema, file, where, "schema");
        }
        if (descriptorSet != null) {
            descriptorSet = besideConfig(descriptorSet, file, where, "descriptor set");
        }
        return new PayloadRule(format, schema, registry, invalid, mqtt3Refusal, message, descriptorSet);
    }

    private String besideConfig(String name, String file, String where, String what) {
        Path path = Path.of(file).toAbsolutePath().resolveSibling(name).normalize();
        if (!Files.isReadable(path)) {
            errors.add(where + ": the " + what + " file " + path + " is not there or cannot be read");
        }
        return path.toString();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private <E extends Enum<E>> E choice(JsonNode node, String field, E[] values, E fallback, String where) {
        if (!node.hasNonNull(field)) {
            return fallback;
        }
        String text = node.get(field).asText();
        for (E value : values) {
            if (PayloadRule.configName(value).equals(text)) {
                return value;
            }
        }
        errors.add(where + ": 'payload." + field + "' must be one of "
                + String.join(
                        ", ", Arrays.stream(values).map(PayloadRule::configName).toList())
                + ", not '" + text + "'");
        return fallback;
    }

    private int number(JsonNode node, String field, int fallback, int min, int max, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            errors.add(where + ": '" + field + "' must be a whole number from " + min + " to " + max + ", not '"
                    + value.asText() + "'");
            return fallback;
        }
        return value.asInt();
    }

    private Duration duration(String text, String where) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            errors.add(where + ": 'retention' must be a number with a unit (ms, s, m, h, d), like 7d or 12h, not '"
                    + text + "'");
            return Duration.ZERO;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
