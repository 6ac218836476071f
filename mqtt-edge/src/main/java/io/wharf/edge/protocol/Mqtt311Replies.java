package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import java.util.Optional;

/**
 * MQTT 3.1.1 (and 3.1) answers, which carry no reason codes beyond SUBACK's 0x80 and no
 * properties. A failed PUBACK or PUBREC cannot be said at all: the client is disconnected instead,
 * so that it sends the message again on its next connection rather than take it as stored.
 */
final class Mqtt311Replies implements ProtocolReplies {

    static final Mqtt311Replies INSTANCE = new Mqtt311Replies();

    private static final int SUBACK_FAILURE = 0x80;
    private static final byte NOT_AUTHORIZED = MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue();
    private static final byte PAYLOAD_FORMAT_INVALID = MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue();

    private Mqtt311Replies() {}

    @Override
    public Outgoing publishReply(PublishReply reply) {
        if (!reply.isFailure()
                || reply.reasonCode() == NOT_AUTHORIZED
                || (reply.reasonCode() == PAYLOAD_FORMAT_INVALID && !reply.closesMqtt3())) {
            // a refused PUBLISH is acknowledged as usual and dropped [MQTT-3.3.5-2]; so is a payload
            // its topic's schema refuses, which sending again would not change, unless its rule
            // says to close the connection
            return packet(reply.type(), reply.packetId());
        }
        if (reply.type() == MqttMessageType.PUBCOMP) {
            return packet(reply.type(), reply.packetId()); // a PUBREL is always answered with PUBCOMP
        }
        if (reply.type() == MqttMessageType.PUBREL) {
            return Outgoing.Nothing.INSTANCE; // no PUBREL for a PUBREC the edge knows nothing of
        }
        return new Disconnect(
                MqttReasonCodes.Disconnect.UNSPECIFIED_ERROR,
                "MQTT 3.1.1 has no negative " + reply.type() + ": " + reply.why());
    }

    @Override
    public boolean canRefusePublish(int qos) {
        return false;
    }

    @Override
    public MqttMessage subAck(int packetId, List<MqttReasonCodes.SubAck> codes, String why) {
        List<Integer> values = codes.stream()
                .map(code -> code.byteValue() & 0xff)
                .map(code -> code < SUBACK_FAILURE ? code : SUBACK_FAILURE)
                .toList();
        return Packets.subAck(packetId, values, MqttProperties.NO_PROPERTIES);
    }

    @Override
    public MqttMessage unsubAck(int packetId, List<MqttReasonCodes.UnsubAck> codes) {
        return Packets.unsubAck(packetId, List.of(), MqttProperties.NO_PROPERTIES);
    }

    @Override
    public Optional<MqttMessage> disconnect(MqttReasonCodes.Disconnect reason, String why) {
        return Optional.empty(); // the server has no DISCONNECT in 3.1.1: closing the socket says it all
    }

    @Override
    public MqttConnectReturnCode serverBusy() {
        return MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    }

    @Override
    public MqttConnectReturnCode serverUnavailable() {
        return MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
    }

    @Override
    public MqttProperties connAckProperties(ConnectDecision.Accepted accepted, ProtocolSettings settings) {
        return MqttProperties.NO_PROPERTIES;
    }

    @Override
    public MqttProperties publishProperties(ApplicationMessage message, List<Integer> subscriptionIds, long nowMillis) {
        return MqttProperties.NO_PROPERTIES;
    }

    private static Outgoing packet(MqttMessageType type, int packetId) {
        return new Outgoing.Packet(
                Packets.publishReply(type, packetId, PublishReply.SUCCESS, MqttProperties.NO_PROPERTIES));
    }
}
