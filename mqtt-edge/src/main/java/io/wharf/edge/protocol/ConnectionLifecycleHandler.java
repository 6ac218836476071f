package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A connected client's socket events: when it can take more bytes, its session sends what waits
 * (when it cannot, the max-queued-bytes limit bit and is counted);
 * when it closes, the will and the session are dealt with.
 */
@ChannelHandler.Sharable
final class ConnectionLifecycleHandler extends ChannelInboundHandlerAdapter {

    static final ConnectionLifecycleHandler INSTANCE = new ConnectionLifecycleHandler();

    private ConnectionLifecycleHandler() {}

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        MqttConnection connection = MqttConnection.of(ctx.channel());
        if (ctx.channel().isWritable() && connection != null && connection.session() != null) {
            connection.session().pump();
        } else if (!ctx.channel().isWritable() && connection != null) {
            connection.queuedBytesReachedLimit();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        MqttConnection connection = MqttConnection.of(ctx.channel());
        if (connection != null) {
            connection.end().closed();
        }
        ctx.fireChannelInactive();
    }
}
