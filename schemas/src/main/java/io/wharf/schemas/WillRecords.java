package io.wharf.schemas;

import io.wharf.schemas.mapping.Route;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka records a stored will ({@link SessionState.Will}) becomes when the router publishes
 * it: the same as an edge writes for a PUBLISH on the will's topic. The message record goes to the
 * Kafka topic the mapping gives the topic, keyed as the mapping says, with the topic in {@link
 * MessageHeaders#TOPIC} (first) when the key is not the whole topic; a retained will is also written
 * to the retained topic, keyed by its topic, as a tombstone when its payload is empty.
 */
public final class WillRecords {

    private WillRecords() {}

    /** The message record, then, for a retained will, the retained record. */
    public static List<ProducerRecord<byte[], byte[]>> of(
            SessionState.Will will, TopicMapping mapping, String retainedTopic, long timestampMs) {
        Route route = mapping.route(will.topic());
        Headers headers = new RecordHeaders();
        if (!route.keyIsTopic()) {
            headers.add(MessageHeaders.TOPIC, will.topic().getBytes(StandardCharsets.UTF_8));
        }
        will.headers().forEach(header -> headers.add(header.key(), header.value()));
        ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(
                route.kafkaTopic(),
                null,
                timestampMs,
                route.key().getBytes(StandardCharsets.UTF_8),
                will.payload(),
                headers);
        if (!will.retain()) {
            return List.of(message);
        }
        Headers retainedHeaders = new RecordHeaders();
        will.headers().forEach(header -> retainedHeaders.add(header.key(), header.value()));
        byte[] retainedValue = will.payload().length == 0 ? null : will.payload();
        ProducerRecord<byte[], byte[]> retained = new ProducerRecord<>(
                retainedTopic,
                null,
                timestampMs,
                will.topic().getBytes(StandardCharsets.UTF_8),
                retainedValue,
                retainedHeaders);
        return List.of(message, retained);
    }
}
