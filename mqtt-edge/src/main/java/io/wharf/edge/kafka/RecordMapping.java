package io.wharf.edge.kafka;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.WillRecords;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import io.wharf.schemas.session.SessionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The edge's messages as Kafka records and back. The format is the message topic's codec ({@link
 * MessageCodec}, in {@code schemas}), whose {@link ApplicationMessage} the edge uses as it is; this
 * class places what it reads in the log.
 */
public final class RecordMapping {

    private RecordMapping() {}

    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, ApplicationMessage message) {
        return MessageCodec.toRecord(kafkaTopic, message);
    }

    /**
     * The record of a message under a record key of the topic mapping's choosing; when that key is
     * not the whole MQTT topic, the topic travels in a header.
     */
    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, String key, ApplicationMessage message) {
        return MessageCodec.toRecord(kafkaTopic, key, message);
    }

    /** A will as the record it becomes when published, for storing with its session. */
    public static SessionState.Will toWill(ApplicationMessage will, long delaySeconds) {
        return WillRecords.stored(will, delaySeconds);
    }

    /**
     * Reads a record back as a message.
     *
     * @return null for a record that cannot be an MQTT message: no key, or a tombstone
     */
    public static LoggedMessage fromRecord(ConsumerRecord<byte[], byte[]> record) {
        return logged(MessageCodec.fromRecord(record), record);
    }

    /**
     * Reads a record of the retained topic.
     *
     * @return null when it clears its topic's retained message, or cannot be an MQTT message
     */
    public static LoggedMessage fromRetainedRecord(ConsumerRecord<byte[], byte[]> record) {
        return logged(MessageCodec.fromRetainedRecord(record), record);
    }

    private static LoggedMessage logged(ApplicationMessage read, ConsumerRecord<byte[], byte[]> record) {
        return read == null
                ? null
                : new LoggedMessage(read, new LogPosition(record.topic(), record.partition(), record.offset()));
    }
}
