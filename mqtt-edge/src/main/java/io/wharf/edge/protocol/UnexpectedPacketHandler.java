package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;

/**
 * Last of the packet handlers: whatever reaches it is a packet a client must not send at this
 * point (a second CONNECT, or a packet only servers send), a protocol error.
 */
@ChannelHandler.Sharable
final class UnexpectedPacketHandler extends ChannelInboundHandlerAdapter {

    static final UnexpectedPacketHandler INSTANCE = new UnexpectedPacketHandler();

    private UnexpectedPacketHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        String type = msg instanceof MqttMessage packet
                ? packet.fixedHeader().messageType().name()
                : msg.getClass().getSimpleName();
        ReferenceCountUtil.release(msg);
        Disconnector.disconnect(
                ctx.channel(),
                MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                "unexpected " + type + " from a connected client");
    }
}
