package io.wharf.edge.auth.acl;

/**
 * What becomes of a client whose PUBLISH the rules refuse, where its version cannot be told (MQTT
 * 3.1.1, and QoS 0 in MQTT 5; an MQTT 5 QoS 1 or 2 message is answered with 0x87 Not authorized).
 * MQTT 3.1.1 section 3.3.5 [MQTT-3.3.5-2]: the server either acknowledges it as usual or closes the
 * connection.
 */
public enum PublishDenied {
    /** The message is acknowledged as usual, not stored, and counted. */
    DROP,
    /** The connection is closed. */
    DISCONNECT
}
