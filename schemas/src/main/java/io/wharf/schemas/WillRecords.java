package io.wharf.schemas;

import io.wharf.schemas.mapping.Route;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import io.wharf.schemas.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A will as its session stores it ({@link SessionState.Will}), and the Kafka records it becomes when
 * the router publishes it: the same as an edge writes for a PUBLISH on the will's topic, both
 * written by {@link MessageCodec}. The message record goes to the Kafka topic the mapping gives the
 * topic, keyed as the mapping says, with the topic in {@link MessageHeaders#TOPIC} (first) when the
 * key is not the whole topic; a retained will is also written to the retained topic, keyed by its
 * topic, as a tombstone when its payload is empty.
 */
public final class WillRecords {

    private WillRecords() {}

    /** A will as the record it becomes when published (its metadata headers), for storing with its session. */
    public static SessionState.Will stored(ApplicationMessage will, long delaySeconds) {
        List<SessionState.Header> headers = new ArrayList<>();
        MessageCodec.metadataHeaders(will)
                .forEach(header -> headers.add(new SessionState.Header(header.key(), header.value())));
        return new SessionState.Will(will.topic(), will.payload(), headers, will.retain(), delaySeconds);
    }

    /** The message record, then, for a retained will, the retained record. */
    public static List<ProducerRecord<byte[], byte[]>> of(
            SessionState.Will will, TopicMapping mapping, String retainedTopic, long timestampMs) {
        Route route = mapping.route(will.topic());
        List<Header> metadata = will.headers().stream()
                .<Header>map(header -> new RecordHeader(header.key(), header.value()))
                .toList();
        ProducerRecord<byte[], byte[]> message = MessageCodec.toRecord(
                route.kafkaTopic(), route.key(), will.topic(), will.payload(), timestampMs, metadata);
        if (!will.retain()) {
            return List.of(message);
        }
        ProducerRecord<byte[], byte[]> retained =
                MessageCodec.toRetainedRecord(retainedTopic, will.topic(), will.payload(), timestampMs, metadata);
        return List.of(message, retained);
    }
}
