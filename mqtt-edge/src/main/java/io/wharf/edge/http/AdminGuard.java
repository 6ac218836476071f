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

    public AdminGuard(AdminAccess access) {
        super(false);
        this.access = access;
    }

    /** Whether {@code path} is one of those the admin credentials protect. */
    static boolean isProtected(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/admin") || path.startsWith("/admin/");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        if (!isProtected(path) || access.permits(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean fromScript = request.headers().contains(REQUESTED_WITH);
        ReferenceCountUtil.release(request);
        ApiError error = ApiError.of(
                401,
                "the admin API needs credentials: 'Authorization: Bearer' with the admin token, or Basic for a"
                        + " password-file user in group admin");
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.UNAUTHORIZED,
                Unpooled.copiedBuffer(AdminJson.write(error), StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                .set(
                        HttpHeaderNames.WWW_AUTHENTICATE,
                        fromScript ? "Bearer " + REALM : "Basic " + REALM + ", Bearer " + REALM);
        ClosingResponse.send(ctx.channel(), response);
    }
}
