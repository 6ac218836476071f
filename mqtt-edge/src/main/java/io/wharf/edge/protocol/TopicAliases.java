package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/** MQTT 5 topic aliases a client uses in its PUBLISH packets (section 3.3.2.3.4). */
final class TopicAliases {

    private TopicAliases() {}

    /**
     * The topic a PUBLISH is for, learning or using its alias.
     *
     * @return null if the alias broke the rules; the client has then been disconnected
     */
    static String resolve(MqttConnection connection, String topic, MqttProperties properties) {
        Integer alias = connection.isMqtt5() ? InboundProperties.integer(properties, MqttProperties.TOPIC_ALIAS) : null;
        if (alias == null) {
            if (topic.isEmpty() && connection.isMqtt5()) {
                Disconnector.disconnect(
                        connection.channel(),
                        MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                        "an empty topic name without a topic alias");
                return null;
            }
            return topic;
        }
        if (alias == 0 || alias > connection.services().settings().topicAliasMaximum()) {
            Disconnector.disconnect(
                    connection.channel(),
                    MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID,
                    "topic alias " + alias + " is outside 1.."
                            + connection.services().settings().topicAliasMaximum());
            return null;
        }
        if (!topic.isEmpty()) {
            connection.inboundAliases().put(alias, topic);
            return topic;
        }
        String known = connection.inboundAliases().get(alias);
        if (known == null) {
            Disconnector.disconnect(
                    connection.channel(),
                    MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                    "topic alias " + alias + " was never set");
        }
        return known;
    }
}
