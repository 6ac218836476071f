package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Ends a connection that sent nothing for one and a half keep-alive intervals (the idle-state
 * handler before the decoder measures it). A connection the edge stopped reading from (its
 * messages wait for Kafka) is not idle: its silence is the edge's doing.
 */
@ChannelHandler.Sharable
public final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    public static final KeepAliveHandler INSTANCE = new KeepAliveHandler();

    private KeepAliveHandler() {}

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (!ctx.channel().config().isAutoRead()) {
                return;
            }
            Disconnector.disconnect(
                    ctx.channel(),
                    MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT,
                    "keep-alive interval passed without a packet");
            return;
        }
        ctx.fireUserEventTriggered(event);
    }
}
