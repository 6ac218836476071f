package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import java.util.Optional;

/**
 * How the edge's answers are put in the MQTT version a client speaks: which reason codes exist,
 * whether a reason string goes along, and what to do where 3.1.1 has no packet for an answer (it
 * has no negative PUBACK or PUBREC, and no SUBACK code but 0x80 for a failure). The rules decide in
 * MQTT 5's terms; this turns their answer into what goes out. Chosen once per connection, at
 * CONNECT.
 */
sealed interface ProtocolReplies permits Mqtt311Replies, Mqtt5Replies {

    static ProtocolReplies of(MqttVersion version, ClientLimits limits) {
        return version == MqttVersion.MQTT_5
                ? Mqtt5Replies.of(limits.requestProblemInformation())
                : Mqtt311Replies.INSTANCE;
    }

    /** The PUBACK, PUBREC, PUBREL or PUBCOMP for {@code reply}, or what stands in for it. */
    Outgoing publishReply(PublishReply reply);

    /**
     * Whether a refused PUBLISH of this QoS can be told to the client (MQTT 5 PUBACK or PUBREC 0x87);
     * where not, the edge acknowledges it as usual or closes the connection.
     */
    boolean canRefusePublish(int qos);

    /** SUBACK with a code per filter: the QoS granted or why the subscription failed. */
    MqttMessage subAck(int packetId, List<MqttReasonCodes.SubAck> codes, String why);

    /** UNSUBACK with a code per filter (MQTT 5; 3.1.1's UNSUBACK carries none). */
    MqttMessage unsubAck(int packetId, List<MqttReasonCodes.UnsubAck> codes);

    /** The DISCONNECT that tells the client why the edge ends its connection; empty where 3.1.1 has none. */
    Optional<MqttMessage> disconnect(MqttReasonCodes.Disconnect reason, String why);

    /** The CONNACK code for a server that cannot serve the client now. */
    MqttConnectReturnCode serverUnavailable();

    /** The CONNACK code for a server too busy to take the client now: it may try again shortly. */
    MqttConnectReturnCode serverBusy();

    /** CONNACK's properties: what the edge assigned or changed, and the limits it holds the client to. */
    MqttProperties connAckProperties(ConnectDecision.Accepted accepted, ProtocolSettings settings);

    /**
     * A PUBLISH's properties towards the client, with the expiry interval left at {@code nowMillis};
     * mutable where the version has properties, so that a topic alias can join them.
     */
    MqttProperties publishProperties(ApplicationMessage message, List<Integer> subscriptionIds, long nowMillis);
}
