package io.wharf.schemas.message;

import io.wharf.schemas.mapping.PayloadRule;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Records of payloads that did not fit their rule's schema, kept in the dead-letter topic as they
 * came (key, payload, the message's headers), with headers that say where they were going and why
 * they did not get there.
 */
public final class DeadLetters {

    /** The Kafka topic the record was meant for. */
    public static final String TOPIC = "wharf.dead-letter.topic";
    /** The rule's payload format: json-schema, avro, protobuf. */
    public static final String FORMAT = "wharf.dead-letter.format";
    /** What does not fit the schema. */
    public static final String REASON = "wharf.dead-letter.reason";

    private DeadLetters() {}

    public static ProducerRecord<byte[], byte[]> record(
            String deadLetterTopic, ProducerRecord<byte[], byte[]> meant, PayloadRule.Format format, String why) {
        Headers headers = new RecordHeaders(meant.headers().toArray());
        headers.add(TOPIC, meant.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(FORMAT, format.configName().getBytes(StandardCharsets.UTF_8));
        headers.add(REASON, why.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(deadLetterTopic, null, meant.timestamp(), meant.key(), meant.value(), headers);
    }
}
