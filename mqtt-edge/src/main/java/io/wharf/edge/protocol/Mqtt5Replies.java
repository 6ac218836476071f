package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import java.util.Optional;

/**
 * MQTT 5 answers: every reason code goes out as decided, with its reason string unless the client
 * asked for no problem information (Request Problem Information 0, section 3.1.2.11.7).
 */
final class Mqtt5Replies implements ProtocolReplies {

    private static final Mqtt5Replies WITH_REASONS = new Mqtt5Replies(true);
    private static final Mqtt5Replies WITHOUT_REASONS = new Mqtt5Replies(false);

    private final boolean reasonStrings;

    private Mqtt5Replies(boolean reasonStrings) {
        this.reasonStrings = reasonStrings;
    }

    static Mqtt5Replies of(boolean requestProblemInformation) {
        return requestProblemInformation ? WITH_REASONS : WITHOUT_REASONS;
    }

    @Override
    public Outgoing publishReply(PublishReply reply) {
        if (reply.reasonCode() == PublishReply.PACKET_TOO_LARGE) {
            // 0x95 is not a PUBACK or PUBREC reason code (section 3.4.2.1); clients reject one that has it
            return new Disconnect(MqttReasonCodes.Disconnect.PACKET_TOO_LARGE, reply.why());
        }
        return new Outgoing.Packet(
                Packets.publishReply(reply.type(), reply.packetId(), reply.reasonCode(), reasonString(reply.why())));
    }

    @Override
    public boolean canRefusePublish(int qos) {
        return qos > 0;
    }

    @Override
    public MqttMessage subAck(int packetId, List<MqttReasonCodes.SubAck> codes, String why) {
        List<Integer> values =
                codes.stream().map(code -> code.byteValue() & 0xff).toList();
        return Packets.subAck(packetId, values, reasonString(why));
    }

    @Override
    public MqttMessage unsubAck(int packetId, List<MqttReasonCodes.UnsubAck> codes) {
        List<Short> values =
                codes.stream().map(code -> (short) (code.byteValue() & 0xff)).toList();
        return Packets.unsubAck(packetId, values, MqttProperties.NO_PROPERTIES);
    }

    private MqttProperties reasonString(String why) {
        return reasonStrings && why != null ? Packets.reasonString(why) : MqttProperties.NO_PROPERTIES;
    }

    @Override
    public Optional<MqttMessage> disconnect(MqttReasonCodes.Disconnect reason, String why) {
        // A DISCONNECT carries its reason string whatever the client asked (MQTT 5 section 3.1.2.11.7).
        return Optional.of(Packets.disconnect(reason.byteValue(), Packets.reasonString(why)));
    }

    @Override
    public MqttConnectReturnCode serverBusy() {
        return MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY;
    }

    @Override
    public MqttConnectReturnCode serverUnavailable() {
        return MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5;
    }

    @Override
    public MqttProperties connAckProperties(ConnectDecision.Accepted accepted, ProtocolSettings settings) {
        return ConnAckProperties.of(accepted, settings);
    }

    @Override
    public MqttProperties publishProperties(ApplicationMessage message, List<Integer> subscriptionIds, long nowMillis) {
        MqttProperties properties = new MqttProperties();
        OutboundProperties.fill(properties, message, subscriptionIds, nowMillis);
        return properties;
    }
}
