package io.wharf.edge.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
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
import io.wharf.edge.admin.AdminJson;
import io.wharf.edge.admin.AdminRoute;
import io.wharf.edge.admin.ApiResponse;
import io.wharf.edge.admin.BadRequestException;
import io.wharf.edge.admin.ClusterAdmin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/...}: the cluster-wide admin API (see {@link ClusterAdmin}), answered in JSON. The
 * event loop only reads the request and hands it on; the answer is written whenever it is ready,
 * from whichever thread completes it. Other requests pass on.
 */
@ChannelHandler.Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    /** Requests being answered at once; beyond it the API answers 503 rather than queue them. */
    private static final int MAX_REQUESTS_IN_FLIGHT = 64;

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private final ClusterAdmin admin;
    private final Semaphore inFlight = new Semaphore(MAX_REQUESTS_IN_FLIGHT);

    /** Behind {@link AdminGuard}: every request that gets here has passed the credentials check. */
    public ApiHandler(ClusterAdmin admin) {
        super(false);
        this.admin = admin;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = request.uri();
        if (!AdminRoute.isApi(uri)) {
            ctx.fireChannelRead(request);
            return;
        }
        String method = request.method().name();
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        String body = request.content().toString(StandardCharsets.UTF_8);
        ReferenceCountUtil.release(request);
        Channel channel = ctx.channel();
        String path = uri.split("\\?", 2)[0];
        AdminRoute.Result parsed;
        try {
            parsed = AdminRoute.parse(method, uri);
        } catch (IllegalArgumentException e) {
            write(channel, ApiResponse.error(400, "bad percent-encoding in " + uri));
            return;
        }
        if (parsed.refusal() != null) {
            write(
                    channel,
                    ApiResponse.error(
                            parsed.refusal().status(), parsed.refusal().message()));
            return;
        }
        if (!inFlight.tryAcquire()) {
            write(channel, ApiResponse.error(503, "too many admin requests at once; try again"));
            return;
        }
        CompletableFuture<ApiResponse> answer;
        try {
            answer = admin.answer(parsed.route(), body, authorization);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            inFlight.release();
            write(channel, error == null ? response : failure(method, path, error));
        });
    }

    private static ApiResponse failure(String method, String path, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof BadRequestException bad) {
            return ApiResponse.error(400, bad.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return ApiResponse.error(504, "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s");
        }
        log.warn("Admin request {} {} failed", method, path, cause);
        return ApiResponse.error(500, String.valueOf(cause.getMessage()));
    }

    private static void write(Channel channel, ApiResponse answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.copiedBuffer(AdminJson.write(answer.body()), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        ClosingResponse.send(channel, response);
    }
}
