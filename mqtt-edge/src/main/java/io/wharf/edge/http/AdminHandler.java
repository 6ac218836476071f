package io.wharf.edge.http;

import io.netty.buffer.Unpooled;
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
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /admin/drain}: takes the edge out of service (see {@code MqttEdge.drain}) and stops it
 * once drained; answers 202 at once. {@code GET /admin/clients}: the connected clients, one line
 * each, client id and address. Other requests pass on. Behind {@link AdminGuard}: only requests with
 * admin credentials get here.
 */
@ChannelHandler.Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String DRAIN = "/admin/drain";
    private static final String CLIENTS = "/admin/clients";

    private final Runnable drain;
    private final Supplier<Map<String, SocketAddress>> clients;

    /** @param clients the connected clients' addresses, by client id */
    public AdminHandler(Runnable drain, Supplier<Map<String, SocketAddress>> clients) {
        super(false);
        this.drain = drain;
        this.clients = clients;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        if (!path.equals(DRAIN) && !path.equals(CLIENTS)) {
            ctx.fireChannelRead(request);
            return;
        }
        ReferenceCountUtil.release(request);
        HttpResponseStatus status;
        String body;
        if (path.equals(CLIENTS)) {
            status = request.method() == HttpMethod.GET ? HttpResponseStatus.OK : HttpResponseStatus.METHOD_NOT_ALLOWED;
            body = request.method() == HttpMethod.GET ? clientList() : "use GET " + CLIENTS + "\n";
        } else if (request.method() == HttpMethod.POST) {
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
        ClosingResponse.send(ctx.channel(), response);
    }

    private String clientList() {
        StringBuilder body = new StringBuilder();
        clients.get()
                .forEach((clientId, address) ->
                        body.append(clientId).append(' ').append(address).append('\n'));
        return body.toString();
    }
}
