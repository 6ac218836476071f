package io.wharf.edge.kafka.typed;

import io.wharf.edge.log.PayloadInvalidException;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.schemas.message.DeadLetters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka topics whose mapping rule types their payloads, each with its schema, loaded once at
 * start; and the dead-letter topic invalid payloads go to where a rule says so. The first rule of
 * a Kafka topic decides its payload format.
 */
public final class TypedTopics {

    /** The dead-letter topic's name after the topic prefix. */
    public static final String DEAD_LETTER = "dead-letter";

    /** No typed topic: every payload goes as it came. */
    public static final TypedTopics NONE = new TypedTopics(Map.of(), null);

    private final Map<String, Typed> byTopic;
    private final String deadLetterTopic;

    private TypedTopics(Map<String, Typed> byTopic, String deadLetterTopic) {
        this.byTopic = Map.copyOf(byTopic);
        this.deadLetterTopic = deadLetterTopic;
    }

    /**
     * Loads the schema of every typed rule.
     *
     * @param topicPrefix the prefix of Wharf's own topics, before {@link #DEAD_LETTER}
     * @param registry reads schemas of rules that name a registry
     * @throws IllegalArgumentException naming the rule whose schema cannot be read
     */
    public static TypedTopics load(List<MappingRule> rules, String topicPrefix, SchemaSource registry) {
        Map<String, Typed> byTopic = new HashMap<>();
        for (MappingRule rule : rules) {
            if (byTopic.containsKey(rule.kafkaTopic()) || !rule.payload().typed()) {
                continue;
            }
            byTopic.put(rule.kafkaTopic(), new Typed(rule.payload(), schema(rule, registry)));
        }
        return new TypedTopics(byTopic, topicPrefix + DEAD_LETTER);
    }

    private static PayloadSchema schema(MappingRule rule, SchemaSource registry) {
        PayloadRule payload = rule.payload();
        try {
            SchemaSource.Found found = payload.registry() == null
                    ? new SchemaSource.Found(schemaFileText(payload), null)
                    : registry.latest(payload.registry(), payload.schema());
            return switch (payload.format()) {
                case JSON_SCHEMA -> JsonSchemaPayload.of(found.schema(), found.id());
                case AVRO -> AvroPayload.of(found.schema(), found.id());
                case PROTOBUF -> ProtobufPayload.of(descriptorSet(payload), payload.message(), found.id());
                case RAW -> throw new IllegalStateException("a raw rule has no schema");
            };
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "The schema " + payload.schema() + " of the mapping rule for "
                            + rule.filter().text() + " (" + payload.format().configName() + ") cannot be used: "
                            + e.getMessage(),
                    e);
        }
    }

    /** A schema file's text; a Protobuf rule's is binary, and read as a descriptor set instead. */
    private static String schemaFileText(PayloadRule payload) throws IOException {
        return payload.format() == PayloadRule.Format.PROTOBUF
                ? null
                : Files.readString(Path.of(payload.schema()), StandardCharsets.UTF_8);
    }

    /** A Protobuf rule's descriptor set: the schema file, or beside a registry's subject its own file. */
    private static byte[] descriptorSet(PayloadRule payload) throws IOException {
        return Files.readAllBytes(Path.of(payload.registry() == null ? payload.schema() : payload.descriptorSet()));
    }

    /** Whether any rule sends invalid payloads to the dead-letter topic. */
    public boolean usesDeadLetters() {
        return byTopic.values().stream().anyMatch(typed -> typed.rule().invalid() == PayloadRule.Invalid.DEAD_LETTER);
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /**
     * The record a plain message record becomes: typed where its topic's rule says so; for a
     * payload that does not fit the schema, what the rule says then, after {@code invalidSeen} is
     * told.
     *
     * @throws PayloadInvalidException when the rule refuses the payload
     */
    public ProducerRecord<byte[], byte[]> record(
            ProducerRecord<byte[], byte[]> plain, Consumer<PayloadOutcome.Invalid> invalidSeen)
            throws PayloadInvalidException {
        Typed typed = byTopic.get(plain.topic());
        if (typed == null) {
            return plain;
        }
        PayloadOutcome outcome = typed.check(plain.value());
        if (outcome instanceof PayloadOutcome.Typed valid) {
            return new ProducerRecord<>(
                    plain.topic(), plain.partition(), plain.timestamp(), plain.key(), valid.value(), plain.headers());
        }
        PayloadOutcome.Invalid invalid = (PayloadOutcome.Invalid) outcome;
        invalidSeen.accept(invalid);
        return switch (invalid.action()) {
            case REJECT ->
                throw new PayloadInvalidException(
                        plain.topic(), invalid.why(), typed.rule().mqtt3Refusal() == PayloadRule.Mqtt3Refusal.CLOSE);
            case DEAD_LETTER ->
                DeadLetters.record(deadLetterTopic, plain, typed.rule().format(), invalid.why());
            case PASS -> plain;
        };
    }

    /** The rule and schema of a Kafka topic, or null when its payloads are raw. */
    public Typed of(String kafkaTopic) {
        return byTopic.get(kafkaTopic);
    }

    /** A typed topic: its rule's payload settings and its schema. */
    public record Typed(PayloadRule rule, PayloadSchema schema) {

        public PayloadOutcome check(byte[] payload) {
            return PayloadOutcome.check(schema, rule.invalid(), payload);
        }

        /**
         * A record's value as MQTT subscribers get it: JSON again. A value without the wire format
         * (passed as it came) is given as it is.
         *
         * @throws InvalidPayloadException when a framed value cannot be read under the schema
         */
        public byte[] toJson(byte[] value) throws InvalidPayloadException {
            WireFormat.Framed framed = WireFormat.unframe(value);
            return framed == null ? value : schema.decode(framed.body());
        }
    }
}
