package io.wharf.schemas.message;

import io.wharf.schemas.MessageHeaders;
import io.wharf.schemas.MessageRecordFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The writer and the reader of message records (the format {@link MessageRecordFormat} describes):
 * the key is the MQTT topic (or the first levels a mapping rule keys by, the topic then in {@link
 * MessageHeaders#TOPIC}, first), the value is the payload, the timestamp is the message's, and the
 * metadata headers follow in the order of {@link MessageRecordFormat#METADATA}, each only when it
 * has something to say, then the user properties. Every part of Wharf that writes or reads a
 * message record goes through here, so the format has one definition.
 */
public final class MessageCodec {

    // Header values every message record has, encoded once: Kafka only reads a header's bytes.
    private static final byte[] QOS_1 = utf8("1");
    private static final byte[] QOS_2 = utf8("2");
    private static final byte[] TRUE = utf8("true");

    private MessageCodec() {}

    /** The record of a message keyed by its MQTT topic. */
    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, ApplicationMessage message) {
        return toRecord(kafkaTopic, message.topic(), message);
    }

    /**
     * The record of a message under a record key of the topic mapping's choosing; when that key is
     * not the whole MQTT topic, the topic travels in {@link MessageHeaders#TOPIC}.
     */
    public static ProducerRecord<byte[], byte[]> toRecord(String kafkaTopic, String key, ApplicationMessage message) {
        Headers headers = topicHeader(key, message.topic());
        addMetadata(headers, message);
        return new ProducerRecord<>(kafkaTopic, null, message.timestampMs(), utf8(key), message.payload(), headers);
    }

    /**
     * The record of a retained message in the retained topic, keyed by its MQTT topic: a tombstone
     * (no value, the message's headers) when the payload is empty, which clears the topic's retained
     * message.
     */
    public static ProducerRecord<byte[], byte[]> toRetainedRecord(String retainedTopic, ApplicationMessage message) {
        Headers headers = new RecordHeaders();
        addMetadata(headers, message);
        return new ProducerRecord<>(
                retainedTopic,
                null,
                message.timestampMs(),
                utf8(message.topic()),
                retainedValue(message.payload()),
                headers);
    }

    /** The metadata headers of a message's record (never {@link MessageHeaders#TOPIC}), in order. */
    public static Headers metadataHeaders(ApplicationMessage message) {
        Headers headers = new RecordHeaders();
        addMetadata(headers, message);
        return headers;
    }

    /**
     * {@link #toRecord(String, String, ApplicationMessage)} for a message whose metadata headers
     * were encoded before (a stored will): they are copied as they are, after {@link
     * MessageHeaders#TOPIC} when the key is not the whole topic.
     */
    public static ProducerRecord<byte[], byte[]> toRecord(
            String kafkaTopic, String key, String topic, byte[] payload, long timestampMs, Iterable<Header> metadata) {
        Headers headers = topicHeader(key, topic);
        copy(metadata, headers);
        return new ProducerRecord<>(kafkaTopic, null, timestampMs, utf8(key), payload, headers);
    }

    /** {@link #toRetainedRecord(String, ApplicationMessage)} for metadata headers encoded before. */
    public static ProducerRecord<byte[], byte[]> toRetainedRecord(
            String retainedTopic, String topic, byte[] payload, long timestampMs, Iterable<Header> metadata) {
        Headers headers = new RecordHeaders();
        copy(metadata, headers);
        return new ProducerRecord<>(retainedTopic, null, timestampMs, utf8(topic), retainedValue(payload), headers);
    }

    /**
     * Reads a record as a message, leniently, as records from any producer must be: {@link
     * MessageHeaders#QOS} is clamped to 0-2 (text that is no number counts as 0), {@link
     * MessageHeaders#RETAIN} counts when it reads {@code true} in any letter case, a header with no
     * value reads as empty text, and metadata headers this version does not know are ignored.
     *
     * @return null for a record that cannot be an MQTT message: no key, an empty key, or no value
     */
    public static ApplicationMessage fromRecord(ConsumerRecord<byte[], byte[]> record) {
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
        List<ApplicationMessage.UserProperty> userProperties = null;
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
                        if (userProperties == null) {
                            userProperties = new ArrayList<>();
                        }
                        userProperties.add(new ApplicationMessage.UserProperty(name, text(header)));
                    }
                }
            }
        }
        ApplicationMessage.Properties properties = payloadFormat == null
                        && expirySeconds == null
                        && contentType == null
                        && responseTopic == null
                        && correlationData == null
                        && userProperties == null
                ? ApplicationMessage.Properties.NONE
                : new ApplicationMessage.Properties(
                        payloadFormat,
                        expirySeconds,
                        contentType,
                        responseTopic,
                        correlationData,
                        userProperties == null ? List.of() : userProperties);
        return new ApplicationMessage(topic, record.value(), qos, retain, publisherId, record.timestamp(), properties);
    }

    /**
     * Reads a record of the retained topic.
     *
     * @return null when the record clears its topic's retained message (no value or an empty one) or
     *     cannot be an MQTT message
     */
    public static ApplicationMessage fromRetainedRecord(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null || record.value().length == 0 ? null : fromRecord(record);
    }

    /**
     * The MQTT topic of a message record: the {@link MessageHeaders#TOPIC} header where a mapping
     * rule keyed the record by the topic's first levels, the record key otherwise.
     */
    public static String mqttTopic(String recordKey, Headers headers) {
        Header topic = headers.lastHeader(MessageHeaders.TOPIC);
        return topic == null ? recordKey : text(topic);
    }

    private static Headers topicHeader(String key, String topic) {
        Headers headers = new RecordHeaders();
        if (!key.equals(topic)) {
            text(headers, MessageHeaders.TOPIC, topic);
        }
        return headers;
    }

    private static void addMetadata(Headers headers, ApplicationMessage message) {
        if (message.qos() == 1) {
            headers.add(MessageHeaders.QOS, QOS_1);
        } else if (message.qos() == 2) {
            headers.add(MessageHeaders.QOS, QOS_2);
        } else if (message.qos() != 0) {
            text(headers, MessageHeaders.QOS, Integer.toString(message.qos()));
        }
        if (message.retain()) {
            headers.add(MessageHeaders.RETAIN, TRUE);
        }
        if (message.publisherId() != null) {
            text(headers, MessageHeaders.CLIENT_ID, message.publisherId());
        }
        ApplicationMessage.Properties properties = message.properties();
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
        for (ApplicationMessage.UserProperty property : properties.userProperties()) {
            text(headers, MessageHeaders.headerForUserProperty(property.name()), property.value());
        }
    }

    private static void copy(Iterable<Header> from, Headers to) {
        for (Header header : from) {
            to.add(header.key(), header.value());
        }
    }

    /** A retained record with an empty payload is a tombstone: compaction then forgets the topic. */
    private static byte[] retainedValue(byte[] payload) {
        return payload.length == 0 ? null : payload;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void text(Headers headers, String name, String value) {
        headers.add(name, utf8(value));
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
