package io.wharf.edge.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Sends an answer and closes the connection, saying so in {@code Connection: close}: a client that
 * keeps connections open would otherwise send its next request on this one and get no answer.
 */
final class ClosingResponse {

    private ClosingResponse() {}

    static void send(Channel channel, FullHttpResponse response) {
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
