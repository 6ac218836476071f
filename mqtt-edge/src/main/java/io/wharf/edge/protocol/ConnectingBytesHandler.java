package io.wharf.edge.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.limits.Limit;

/**
 * Counts what a connection sends before its CONNECT is accepted against the budget all such
 * connections share ({@link io.wharf.edge.limits.ConnectingBytes}), and closes the connection
 * whose bytes no longer fit. Removed once CONNECT is accepted, or with the connection: either way
 * its bytes go back to the budget.
 */
final class ConnectingBytesHandler extends ChannelInboundHandlerAdapter {

    private final EdgeLimits limits;
    private long held;

    ConnectingBytesHandler(EdgeLimits limits) {
        this.limits = limits;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            int size = bytes.readableBytes();
            if (!limits.connecting().reserve(size)) {
                ReferenceCountUtil.release(msg);
                limits.count(Limit.MAX_CONNECTING_BYTES);
                Disconnector.closeQuietly(
                        ctx.channel(),
                        "the connections not yet connected hold "
                                + limits.connecting().held() + " bytes, as many as max-connecting-bytes allows");
                return;
            }
            held += size;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        limits.connecting().release(held);
        held = 0;
    }
}
