package io.wharf.edge.kafka;

import io.wharf.edge.kafka.typed.InvalidPayloadException;
import io.wharf.edge.kafka.typed.TypedTopics;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's messages read back from Kafka records, with where in the log they were read. The
 * format is the message topic's codec ({@link MessageCodec}, in {@code schemas}), which writers use
 * directly; its {@link ApplicationMessage} is the edge's message as it is. An instance also turns
 * the records of typed topics back into the JSON their devices sent ({@link #read}).
 */
public final class RecordMapping {

    private static final Logger log = LoggerFactory.getLogger(RecordMapping.class);

    /** Every topic's records read as they are. */
    public static final RecordMapping RAW = new RecordMapping(TypedTopics.NONE);

    private final TypedTopics typed;

    public RecordMapping(TypedTopics typed) {
        this.typed = typed;
    }

    /**
     * Reads a record back as a message; in a typed topic, its value as JSON again, so that MQTT
     * subscribers never see the registry's framing.
     *
     * @return null for a record that cannot be an MQTT message: no key, a tombstone, or a typed
     *     value that does not read under its topic's schema
     */
    public LoggedMessage read(ConsumerRecord<byte[], byte[]> record) {
        LoggedMessage logged = fromRecord(record);
        TypedTopics.Typed typedTopic = logged == null ? null : typed.of(record.topic());
        if (typedTopic == null) {
            return logged;
        }
        ApplicationMessage message = logged.message();
        try {
            byte[] json = typedTopic.toJson(message.payload());
            return new LoggedMessage(
                    new ApplicationMessage(
                            message.topic(),
                            json,
                            message.qos(),
                            message.retain(),
                            message.publisherId(),
                            message.timestampMs(),
                            message.properties()),
                    logged.position());
        } catch (InvalidPayloadException e) {
            log.debug(
                    "Skipped record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        }
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
