package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.wharf.edge.session.Session;

/**
 * PUBACK, PUBREC and PUBCOMP from a client, for messages its session delivered to it: decodes them,
 * asks {@link DeliveryAckRules}, and hands the answer to the session.
 */
@ChannelHandler.Sharable
final class DeliveryAckHandler extends ChannelInboundHandlerAdapter {

    static final DeliveryAckHandler INSTANCE = new DeliveryAckHandler();

    private DeliveryAckHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        MqttMessageType type = packet.fixedHeader().messageType();
        if (type != MqttMessageType.PUBACK && type != MqttMessageType.PUBREC && type != MqttMessageType.PUBCOMP) {
            ctx.fireChannelRead(msg);
            return;
        }
        MqttConnection connection = MqttConnection.of(ctx.channel());
        Session session = connection.session();
        DeliveryAckDecision decision =
                DeliveryAckRules.decide(type, Packets.messageId(packet).messageId(), reasonCode(packet));
        if (decision instanceof DeliveryAckDecision.Delivered delivered) {
            session.onPubAck(delivered.packetId());
        } else if (decision instanceof DeliveryAckDecision.Completed completed) {
            session.onPubComp(completed.packetId());
        } else if (decision instanceof DeliveryAckDecision.Received received
                && !session.onPubRec(received.packetId(), received.accepted())) {
            Answers.send(
                    ctx.channel(),
                    connection.replies().publishReply(DeliveryAckRules.unknownPubRec(received.packetId())),
                    true);
        }
    }

    private static int reasonCode(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader header
                ? header.reasonCode() & 0xff
                : 0;
    }
}
