package io.wharf.edge.auth;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/**
 * Why the edge refuses a client's credentials, in the two kinds both MQTT versions tell apart.
 */
public enum Refusal {
    /**
     * The user name or password is wrong (unknown user, wrong password, a token that is no token or
     * whose signature fails). MQTT 5 3.2.2.2: 0x86 Bad User Name or Password; MQTT 3.1.1 3.2.2.3:
     * 0x04 "Connection Refused, bad user name or password".
     */
    BAD_USER_NAME_OR_PASSWORD(
            "bad-user-name-or-password",
            MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
            MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD),
    /**
     * The credentials are genuine but do not let the client in (anonymous where that is off, a token
     * expired, not yet valid, or meant for another audience or issuer). MQTT 5 3.2.2.2: 0x87 Not
     * authorized; MQTT 3.1.1 3.2.2.3: 0x05 "Connection Refused, not authorized".
     */
    NOT_AUTHORIZED(
            "not-authorized",
            MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
            MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);

    private final String key;
    private final MqttConnectReturnCode mqtt5;
    private final MqttConnectReturnCode mqtt311;

    Refusal(String key, MqttConnectReturnCode mqtt5, MqttConnectReturnCode mqtt311) {
        this.key = key;
        this.mqtt5 = mqtt5;
        this.mqtt311 = mqtt311;
    }

    /** The name in metrics and logs. */
    public String key() {
        return key;
    }

    /** The CONNACK code that tells the client, in the version it speaks. */
    public MqttConnectReturnCode connAckCode(boolean isMqtt5) {
        return isMqtt5 ? mqtt5 : mqtt311;
    }
}
