package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;

/** Decides on the client's DISCONNECT, as a value. */
final class ClientDisconnectRules {

    private ClientDisconnectRules() {}

    /**
     * @param reasonCode the MQTT 5 reason code (0, normal disconnection, in 3.1.1)
     * @param sessionExpiry the MQTT 5 Session Expiry Interval it carries (unsigned), or null
     * @param connectSessionExpirySeconds the session expiry that CONNECT set
     * @param maxSessionExpirySeconds the longest the edge keeps a session
     */
    static ClientDisconnectDecision decide(
            byte reasonCode, Integer sessionExpiry, long connectSessionExpirySeconds, long maxSessionExpirySeconds) {
        Long expiry = null;
        if (sessionExpiry != null) {
            long asked = Integer.toUnsignedLong(sessionExpiry);
            if (connectSessionExpirySeconds == 0 && asked != 0) {
                return new Disconnect(
                        MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                        "a session expiry set in DISCONNECT after 0 in CONNECT");
            }
            expiry = Math.min(asked, maxSessionExpirySeconds);
        }
        // Only a normal disconnection discards the will (MQTT-3.14.4-3): 0x04 asks for it, and a
        // client that ends with an error reason ended abnormally (MQTT-3.1.2-8).
        boolean keepWill = reasonCode != MqttReasonCodes.Disconnect.NORMAL_DISCONNECT.byteValue();
        return new ClientDisconnectDecision.Close(keepWill, expiry);
    }
}
