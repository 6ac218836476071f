package io.wharf.edge.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.ProtocolDetectionState;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import java.util.List;

/**
 * First on a listener behind a load balancer: a connection must start with a PROXY protocol
 * header (v1 or v2). One that does not is refused at once, instead of waiting for a header line
 * that never comes; one that does goes on to the header decoder, this handler out of the way.
 */
final class ProxyHeaderRequired extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> detected = HAProxyMessageDecoder.detectProtocol(in);
        if (detected.state() == ProtocolDetectionState.NEEDS_MORE_DATA) {
            return;
        }
        if (detected.state() == ProtocolDetectionState.INVALID) {
            in.skipBytes(in.readableBytes());
            ListenerLog.refuse(ctx.channel(), "this listener expects a PROXY protocol header, and none came");
            return;
        }
        ctx.pipeline().remove(this); // hands the bytes read so far on to the decoder
    }
}
