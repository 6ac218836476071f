package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.session.Session;

/** PUBACK, PUBREC and PUBCOMP from a client, for messages its session delivered to it. */
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
        int packetId = Packets.messageId(packet).messageId();
        switch (type) {
            case PUBACK -> session.onPubAck(packetId);
            case PUBCOMP -> session.onPubComp(packetId);
            default -> {
                if (!session.onPubRec(packetId, reasonCode(packet) < 0x80) && connection.isMqtt5()) {
                    ctx.writeAndFlush(Packets.publishReply(
                            MqttMessageType.PUBREL,
                            packetId,
                            MqttReasonCodes.PubRel.PACKET_IDENTIFIER_NOT_FOUND.byteValue(),
                            MqttProperties.NO_PROPERTIES));
                }
            }
        }
    }

    private static int reasonCode(MqttMessage packet) {
        return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader header
                ? header.reasonCode() & 0xff
                : 0;
    }
}
