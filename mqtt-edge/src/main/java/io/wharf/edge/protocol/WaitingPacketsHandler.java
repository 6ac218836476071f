package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Holds the packets a client sends right after CONNECT (MQTT lets it not wait for CONNACK) until
 * its session is loaded, then passes them on in order and removes itself.
 */
final class WaitingPacketsHandler extends ChannelInboundHandlerAdapter {

    private final Queue<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext context;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        waiting.add(msg);
    }

    /** The session is ready: deliver what waited to the handlers after this one, and step aside. */
    void release() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            context.fireChannelRead(msg);
        }
        context.pipeline().remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }
}
