package io.wharf.edge.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.metrics.EdgeMetrics;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the edge's meters for Prometheus. Other requests pass on. */
@ChannelHandler.Sharable
public final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String PATH = "/metrics";

    private final EdgeMetrics metrics;

    public MetricsHandler(EdgeMetrics metrics) {
        super(false);
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.uri().split("\\?", 2)[0].equals(PATH)) {
            ctx.fireChannelRead(request);
            return;
        }
        ReferenceCountUtil.release(request);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                Unpooled.copiedBuffer(metrics.scrape(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        ClosingResponse.send(ctx.channel(), response);
    }
}
