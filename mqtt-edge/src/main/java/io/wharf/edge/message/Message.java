package io.wharf.edge.message;

/**
 * An MQTT application message as the edge handles it, whichever way it travels.
 *
 * @param topic the MQTT topic name
 * @param payload the payload, byte for byte; never changed after construction
 * @param qos the QoS it was published with, 0 to 2
 * @param retain whether it was published as retained
 * @param publisherId the publishing client's id, or null when it came from Kafka directly
 * @param timestampMs when the edge received it (or the Kafka record's timestamp)
 * @param properties its MQTT 5 properties
 */
public record Message(
        String topic,
        byte[] payload,
        int qos,
        boolean retain,
        String publisherId,
        long timestampMs,
        MessageProperties properties) {}
