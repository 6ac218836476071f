package io.wharf.edge.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /admin/drain}: takes the edge out of service (see {@code MqttEdge.drain}) and stops it
 * once drained; answers 202 at once. Other requests pass on.
 */
@ChannelHandler.Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String DRAIN = "/admin/drain";

    private final Runnable drain;

    public AdminHandler(Runnable drain) {
        super(false);
        this.drain = drain;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        if (!path.equals(DRAIN)) {
            ctx.fireChannelRead(request);
            return;
        }
        ReferenceCountUtil.release(request);
        HttpResponseStatus status;
        String body;
        if (request.method() == HttpMethod.POST) {
            drain.run();
            status = HttpResponseStatus.ACCEPTED;
            body = "draining: clients are moved away, sessions stored, then this edge stops\n";
        } else {
            status = HttpResponseStatus.METHOD_NOT_ALLOWED;
            body = "use POST " + DRAIN + "\n";
        }
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
