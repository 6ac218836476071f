package io.wharf.edge.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Ends the edge's side of a connection whose answer is written, leaving the client's side open to
 * read: on a WebSocket listener a Close frame first (RFC 6455 5.5.1; without one, clients see an
 * abnormal closure and may drop what they read), then the end of the TCP stream.
 */
public final class OutputEnd {

    private OutputEnd() {}

    public static void end(Channel channel) {
        ChannelHandlerContext frames = channel.pipeline().context(HandlerNames.WEBSOCKET_FRAMES);
        if (frames == null) {
            shutdownOutput(channel);
            return;
        }
        // Written below the MQTT-bytes-to-frames codec, straight to the WebSocket encoder.
        frames.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                .addListener((ChannelFuture written) -> {
                    if (written.isSuccess()) {
                        shutdownOutput(channel);
                    } else {
                        channel.close();
                    }
                });
    }

    private static void shutdownOutput(Channel channel) {
        if (channel instanceof DuplexChannel duplex) {
            duplex.shutdownOutput(); // the client reads the answer, then the end of the stream
        } else {
            channel.close();
        }
    }
}
