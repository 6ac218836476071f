package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

/** Answers PINGREQ with PINGRESP. */
@ChannelHandler.Sharable
final class PingHandler extends ChannelInboundHandlerAdapter {

    static final PingHandler INSTANCE = new PingHandler();

    private PingHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.PINGREQ) {
            ctx.writeAndFlush(Packets.PINGRESP);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
