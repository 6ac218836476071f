package io.wharf.edge.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.netty.ClientAddress;
import java.net.InetSocketAddress;

/**
 * Takes the client's address from the decoded PROXY header, so that logs and limits name the
 * client rather than the load balancer, then steps aside. A malformed header refuses the connection.
 */
final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            // LOCAL is the balancer's own health check; UNKNOWN names no address: keep the socket's.
            if (header.command() == HAProxyCommand.PROXY
                    && header.proxiedProtocol() != HAProxyProxiedProtocol.UNKNOWN
                    && header.sourceAddress() != null) {
                ClientAddress.announce(
                        ctx.channel(),
                        new InetSocketAddress(
                                NetUtil.createInetAddressFromIpAddressString(header.sourceAddress()),
                                header.sourcePort()));
            }
        } finally {
            ReferenceCountUtil.release(header);
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException || cause.getCause() instanceof HAProxyProtocolException) {
            ListenerLog.refuse(ctx.channel(), "its PROXY protocol header is malformed: " + cause.getMessage());
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
