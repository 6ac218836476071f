package io.wharf.edge.kafka;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The edge's messages read back from Kafka records, with where in the log they were read. The
 * format is the message topic's codec ({@link MessageCodec}, in {@code schemas}), which writers use
 * directly; its {@link ApplicationMessage} is the edge's message as it is.
 */
public final class RecordMapping {

    private RecordMapping() {}

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
