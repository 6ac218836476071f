package io.wharf.schemas.message;

import java.util.List;

/**
 * One MQTT application message as a message record holds it (see {@link MessageCodec}): what an
 * outside consumer reads from {@code mqtt.messages}, a mapped topic or {@code mqtt.retained}, and
 * what a producer writes there for Wharf to deliver.
 *
 * @param topic the MQTT topic name
 * @param payload the payload, byte for byte
 * @param qos the QoS it was published with, 0 to 2
 * @param retain whether it was published as retained
 * @param publisherId the publishing client's id, or null when it did not come from an MQTT client
 * @param timestampMs the record's timestamp: when the edge received the message
 * @param properties its MQTT 5 properties
 */
public record ApplicationMessage(
        String topic,
        byte[] payload,
        int qos,
        boolean retain,
        String publisherId,
        long timestampMs,
        Properties properties) {

    /**
     * The MQTT 5 properties a message carries from its publisher to its subscribers. Every field but
     * the user properties may be null (absent).
     *
     * @param payloadFormat 1 when the payload is UTF-8 text, 0 when unspecified bytes
     * @param expirySeconds the message expiry interval, counted from the record's timestamp
     * @param userProperties in the order the publisher sent them, duplicates kept
     */
    public record Properties(
            Integer payloadFormat,
            Long expirySeconds,
            String contentType,
            String responseTopic,
            byte[] correlationData,
            List<UserProperty> userProperties) {

        public static final Properties NONE = new Properties(null, null, null, null, null, List.of());

        public Properties {
            userProperties = List.copyOf(userProperties);
        }
    }

    /** One MQTT 5 user property: a name and value pair; names may repeat. */
    public record UserProperty(String name, String value) {}
}
