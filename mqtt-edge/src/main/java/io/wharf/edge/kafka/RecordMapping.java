package io.wharf.edge.kafka;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.edge.message.MessageProperties;
import io.wharf.edge.message.UserProperty;
import io.wharf.schemas.MessageHeaders;
import io.wharf.schemas.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns MQTT messages into Kafka records and back: key = MQTT topic, value = payload, MQTT
 * metadata in headers (see {@link MessageHeaders}). A record with no headers reads as a QoS 0
 * message that is not retained.
 */
public final class RecordMapping {

    private RecordMapping() {}

    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, Message message) {
        return toRecord(kafkaTopic, message.topic(), message);
    }

    /**
     * The record of a message under a record key of the topic mapping's choosing; when that key is
     * not the whole MQTT topic, the topic travels in a header.
     */
    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, String key, Message message) {
        Headers headers = new RecordHeaders();
        if (!key.equals(message.topic())) {
            text(headers, MessageHeaders.TOPIC, message.topic());
        }
        if (message.qos() != 0) {
            text(headers, MessageHeaders.QOS, Integer.toString(message.qos()));
        }
        if (message.retain()) {
            text(headers, MessageHeaders.RETAIN, "true");
        }
        if (message.publisherId() != null) {
            text(headers, MessageHeaders.CLIENT_ID, message.publisherId());
        }
        MessageProperties properties = message.properties();
        if (properties.payloadFormat() != null) {
            text(
                    headers,
                    MessageHeaders.PAYLOAD_FORMAT,
                    properties.payloadFormat().toString());
        }
        if (properties.expirySeconds() != null) {
            text(
                    headers,
                    MessageHeaders.MESSAGE_EXPIRY,
                    properties.expirySeconds().toString());
        }
        if (properties.contentType() != null) {
            text(headers, MessageHeaders.CONTENT_TYPE, properties.contentType());
        }
        if (properties.responseTopic() != null) {
            text(headers, MessageHeaders.RESPONSE_TOPIC, properties.responseTopic());
        }
        if (properties.correlationData() != null) {
            headers.add(MessageHeaders.CORRELATION_DATA, properties.correlationData());
        }
        for (UserProperty property : properties.userProperties()) {
            text(headers, MessageHeaders.headerForUserProperty(property.name()), property.value());
        }
        return new ProducerRecord<>(
                kafkaTopic,
                null,
                message.timestampMs(),
                key.getBytes(StandardCharsets.UTF_8),
                message.payload(),
                headers);
    }

    /** A will as the record it becomes when published, for storing with its session. */
    public static SessionState.Will toWill(Message will, long delaySeconds) {
        ProducerRecord<byte[], byte[]> record = toRecord("unused", will);
        List<SessionState.Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new SessionState.Header(header.key(), header.value())));
        return new SessionState.Will(will.topic(), will.payload(), headers, will.retain(), delaySeconds);
    }

    /**
     * Reads a record back as a message.
     *
     * @return null for a record that cannot be an MQTT message: no key, or a tombstone
     */
    public static LoggedMessage fromRecord(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.key().length == 0 || record.value() == null) {
            return null;
        }
        String topic = new String(record.key(), StandardCharsets.UTF_8);
        int qos = 0;
        boolean retain = false;
        String publisherId = null;
        Integer payloadFormat = null;
        Long expirySeconds = null;
        String contentType = null;
        String responseTopic = null;
        byte[] correlationData = null;
        List<UserProperty> userProperties = new ArrayList<>(0);
        for (Header header : record.headers()) {
            switch (header.key()) {
                case MessageHeaders.TOPIC -> topic = text(header);
                case MessageHeaders.QOS -> qos = clampQos(parseLong(header));
                case MessageHeaders.RETAIN -> retain = "true".equalsIgnoreCase(text(header));
                case MessageHeaders.CLIENT_ID -> publisherId = text(header);
                case MessageHeaders.PAYLOAD_FORMAT -> payloadFormat = parseLong(header) == 1 ? 1 : 0;
                case MessageHeaders.MESSAGE_EXPIRY -> expirySeconds = parseLong(header);
                case MessageHeaders.CONTENT_TYPE -> contentType = text(header);
                case MessageHeaders.RESPONSE_TOPIC -> responseTopic = text(header);
                case MessageHeaders.CORRELATION_DATA -> correlationData = header.value();
                default -> {
                    String name = MessageHeaders.userPropertyForHeader(header.key());
                    if (name != null) {
                        userProperties.add(new UserProperty(name, text(header)));
                    }
                }
            }
        }
        Message message = new Message(
                topic,
                record.value(),
                qos,
                retain,
                publisherId,
                record.timestamp(),
                new MessageProperties(
                        payloadFormat, expirySeconds, contentType, responseTopic, correlationData, userProperties));
        return new LoggedMessage(message, new LogPosition(record.topic(), record.partition(), record.offset()));
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long parseLong(Header header) {
        try {
            return Long.parseLong(text(header).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int clampQos(long qos) {
        return (int) Math.max(0, Math.min(2, qos));
    }
}
