package io.wharf.edge.kafka;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.edge.message.MessageProperties;
import io.wharf.edge.message.UserProperty;
import io.wharf.schemas.WillRecords;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import io.wharf.schemas.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The edge's messages as Kafka records and back. The format is the message topic's codec ({@link
 * MessageCodec}, in {@code schemas}); this class only turns the edge's in-memory {@link Message}
 * into the codec's {@link ApplicationMessage} and back, and places what it reads in the log.
 */
public final class RecordMapping {

    private RecordMapping() {}

    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, Message message) {
        return MessageCodec.toRecord(kafkaTopic, toApplicationMessage(message));
    }

    /**
     * The record of a message under a record key of the topic mapping's choosing; when that key is
     * not the whole MQTT topic, the topic travels in a header.
     */
    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, String key, Message message) {
        return MessageCodec.toRecord(kafkaTopic, key, toApplicationMessage(message));
    }

    /** A will as the record it becomes when published, for storing with its session. */
    public static SessionState.Will toWill(Message will, long delaySeconds) {
        return WillRecords.stored(toApplicationMessage(will), delaySeconds);
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

    /** The message as the codec writes it. */
    public static ApplicationMessage toApplicationMessage(Message message) {
        MessageProperties properties = message.properties();
        return new ApplicationMessage(
                message.topic(),
                message.payload(),
                message.qos(),
                message.retain(),
                message.publisherId(),
                message.timestampMs(),
                properties == MessageProperties.NONE
                        ? ApplicationMessage.Properties.NONE
                        : new ApplicationMessage.Properties(
                                properties.payloadFormat(),
                                properties.expirySeconds(),
                                properties.contentType(),
                                properties.responseTopic(),
                                properties.correlationData(),
                                toCodec(properties.userProperties())));
    }

    private static LoggedMessage logged(ApplicationMessage read, ConsumerRecord<byte[], byte[]> record) {
        if (read == null) {
            return null;
        }
        ApplicationMessage.Properties properties = read.properties();
        Message message = new Message(
                read.topic(),
                read.payload(),
                read.qos(),
                read.retain(),
                read.publisherId(),
                read.timestampMs(),
                properties == ApplicationMessage.Properties.NONE
                        ? MessageProperties.NONE
                        : new MessageProperties(
                                properties.payloadFormat(),
                                properties.expirySeconds(),
                                properties.contentType(),
                                properties.responseTopic(),
                                properties.correlationData(),
                                fromCodec(properties.userProperties())));
        return new LoggedMessage(message, new LogPosition(record.topic(), record.partition(), record.offset()));
    }

    private static List<ApplicationMessage.UserProperty> toCodec(List<UserProperty> properties) {
        List<ApplicationMessage.UserProperty> converted = new ArrayList<>(properties.size());
        for (UserProperty property : properties) {
            converted.add(new ApplicationMessage.UserProperty(property.name(), property.value()));
        }
        return converted;
    }

    private static List<UserProperty> fromCodec(List<ApplicationMessage.UserProperty> properties) {
        List<UserProperty> converted = new ArrayList<>(properties.size());
        for (ApplicationMessage.UserProperty property : properties) {
            converted.add(new UserProperty(property.name(), property.value()));
        }
        return converted;
    }
}
