package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * An MQTT 5 CONNACK's properties: what the edge assigned or changed against the client's CONNECT
 * (client id, keep alive, session expiry), where responses go when the client asked, and the
 * limits the edge holds the client to (section 3.2.2.3).
 */
final class ConnAckProperties {

    /** Response Information: the topic prefix a client may use for responses to it. */
    private static final String RESPONSE_INFORMATION_PREFIX = "responses/";

    private ConnAckProperties() {}

    static MqttProperties of(ConnectDecision.Accepted accepted, ProtocolSettings settings) {
        MqttProperties properties = new MqttProperties();
        if (accepted.assignedId()) {
            properties.add(
                    new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, accepted.clientId()));
        }
        if (accepted.keepAliveChanged()) {
            properties.add(
                    new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, accepted.keepAliveSeconds()));
        }
        if (accepted.sessionExpiryChanged()) {
            properties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.SESSION_EXPIRY_INTERVAL, (int) accepted.sessionExpirySeconds()));
        }
        if (accepted.limits().requestResponseInformation()) {
            properties.add(new MqttProperties.StringProperty(
                    MqttProperties.RESPONSE_INFORMATION, RESPONSE_INFORMATION_PREFIX + accepted.clientId()));
        }
        properties.add(
                new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, settings.maxPacketSize()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, settings.receiveMaximum()));
        properties.add(
                new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, settings.topicAliasMaximum()));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 1));
        return properties;
    }
}
