package io.wharf.edge.listener;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.netty.ClientAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the WebSocket handshake: the upgrade must ask for the listener's path and offer an MQTT
 * subprotocol ({@code mqtt} or {@code mqttv3.1}); otherwise it is answered with an HTTP error, the
 * connection closed and the reason logged. A good upgrade passes on, and the check steps aside.
 */
final class WebSocketUpgradeCheck extends ChannelInboundHandlerAdapter {

    static final List<String> SUBPROTOCOLS = List.of("mqtt", "mqttv3.1");

    private static final Logger log = LoggerFactory.getLogger("wharf.connections");

    private final String path;

    WebSocketUpgradeCheck(String path) {
        this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Optional<String> problem = problem(
                new QueryStringDecoder(request.uri()).path(),
                request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL));
        if (problem.isEmpty()) {
            ctx.pipeline().remove(this);
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        log.info("Refused WebSocket upgrade from {}: {}", ClientAddress.of(ctx.channel()), problem.get());
        HttpResponseStatus status =
                problem.get().startsWith("path") ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.BAD_REQUEST;
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** What is wrong with an upgrade to {@code requestedPath} offering {@code subprotocols}, if anything. */
    Optional<String> problem(String requestedPath, String subprotocols) {
        if (!path.equals(requestedPath)) {
            return Optional.of("path " + requestedPath + " is not this listener's " + path);
        }
        if (subprotocols == null
                || Arrays.stream(subprotocols.split(",")).map(String::trim).noneMatch(SUBPROTOCOLS::contains)) {
            return Optional.of("subprotocol " + (subprotocols == null ? "(none)" : "'" + subprotocols + "'")
                    + " is not one of " + String.join(", ", SUBPROTOCOLS));
        }
        return Optional.empty();
    }
}
