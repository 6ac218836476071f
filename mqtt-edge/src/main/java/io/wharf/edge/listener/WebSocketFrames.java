package io.wharf.edge.listener;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * MQTT over WebSocket: the content of binary frames (and their continuations) in, as one byte
 * stream for the MQTT decoder, which finds the packets however the frames cut them; MQTT bytes
 * out, each write one binary frame. A text frame breaks the MQTT binding and closes the connection.
 */
@ChannelHandler.Sharable
final class WebSocketFrames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

    static final WebSocketFrames INSTANCE = new WebSocketFrames();

    private WebSocketFrames() {}

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
        } else {
            ListenerLog.refuse(ctx.channel(), "it sent a " + frame.getClass().getSimpleName() + ", MQTT needs binary");
        }
    }
}
