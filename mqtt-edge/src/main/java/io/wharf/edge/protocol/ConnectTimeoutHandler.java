package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that does not send CONNECT in time. The connect handler removes it once
 * CONNECT has arrived.
 */
public final class ConnectTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final Duration timeout;
    private ScheduledFuture<?> deadline;

    public ConnectTimeoutHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            schedule(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        schedule(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private void schedule(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor()
                    .schedule(
                            () -> Disconnector.closeQuietly(
                                    ctx.channel(), "no CONNECT within " + timeout.toMillis() + " ms"),
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }
}
