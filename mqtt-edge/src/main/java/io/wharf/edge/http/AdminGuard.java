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
import io.wharf.edge.admin.AdminAccess;
import io.wharf.edge.admin.AdminJson;
import io.wharf.edge.admin.ApiError;
import io.wharf.edge.auth.SlowChecks;
import java.nio.charset.StandardCharsets;

/**
 * Answers 401 to a request for {@code /api/} or {@code /admin/} without valid admin credentials;
 * passes every other request on. Health and metrics stay open for load balancers and Prometheus.
 */
@ChannelHandler.Sharable
public final class AdminGuard extends SimpleChannelInboundHandler<FullHttpRequest> {

    /**
     * The header a script in a page sets: its 401 then offers only {@code Bearer}, for a challenge
     * of {@code Basic} makes a browser ask for a user name and password in a dialog of its own.
     */
    static final String REQUESTED_WITH = "X-Requested-With";

    private static final String REALM = "realm=\"wharf-admin\"";

    private final AdminAccess access;
    private final SlowChecks slowChecks;

    /** @param slowChecks where a check too slow for the event loop (a password hash) runs */
    public AdminGuard(AdminAccess access, SlowChecks slowChecks) {
        super(false);
        this.access = access;
        this.slowChecks = slowChecks;
    }

    /** Whether {@code path} is one of those the admin credentials protect. */
    static boolean isProtected(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/admin") || path.startsWith("/admin/");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        if (!isProtected(path)) {
            ctx.fireChannelRead(request);
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (!access.isExpensive(authorization)) {
            decided(ctx, request, access.permits(authorization));
            return;
        }
        // Off the event loop, its other connections unaffected; this one reads nothing meanwhile,
        // so that a pipelined request cannot be answered before this one.
        ctx.channel().config().setAutoRead(false);
        slowChecks
                .run(() -> access.permits(authorization))
                .whenComplete((permitted, error) -> ctx.executor().execute(() -> {
                    ctx.channel().config().setAutoRead(true);
                    if (error != null) {
                        ReferenceCountUtil.release(request);
                        ClosingResponse.send(
                                ctx.channel(),
                                errorResponse(
                                        HttpResponseStatus.SERVICE_UNAVAILABLE,
                                        "the admin credentials could not be checked now: " + error.getMessage()));
                    } else {
                        decided(ctx, request, permitted);
                    }
                }));
    }

    private static void decided(ChannelHandlerContext ctx, FullHttpRequest request, boolean permitted) {
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(request);
        } else if (permitted) {
            ctx.fireChannelRead(request);
        } else {
            boolean fromScript = request.headers().contains(REQUESTED_WITH);
            ReferenceCountUtil.release(request);
            FullHttpResponse response = errorResponse(
                    HttpResponseStatus.UNAUTHORIZED,
                    "the admin API needs credentials: 'Authorization: Bearer' with the admin token, or Basic for a"
                            + " password-file user in group admin");
            response.headers()
                    .set(
                            HttpHeaderNames.WWW_AUTHENTICATE,
                            fromScript ? "Bearer " + REALM : "Basic " + REALM + ", Bearer " + REALM);
            ClosingResponse.send(ctx.channel(), response);
        }
    }

    private static FullHttpResponse errorResponse(HttpResponseStatus status, String message) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                status,
                Unpooled.copiedBuffer(AdminJson.write(ApiError.of(status.code(), message)), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return response;
    }
}
