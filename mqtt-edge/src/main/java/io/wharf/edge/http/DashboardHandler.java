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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web dashboard: {@code /} is its page, {@code /dashboard/...} its scripts and styles, and
 * {@code /dashboard/vendor/uplot/...} the chart library from its WebJar. The files hold no data and
 * no secret, so they need no credentials; the page calls the admin API with the admin token the
 * operator enters. Other requests pass on.
 */
@ChannelHandler.Sharable
public final class DashboardHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PREFIX = "/dashboard/";
    private static final String VENDOR_UPLOT = PREFIX + "vendor/uplot/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** Only what the page's own files do: no inline script, no other origin, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private final String uplotRoot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    public DashboardHandler() {
        super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri().split("\\?", 2)[0];
        if (!path.equals("/") && !path.startsWith(PREFIX)) {
            ctx.fireChannelRead(request);
            return;
        }
        boolean get = request.method() == HttpMethod.GET;
        ReferenceCountUtil.release(request);
        Optional<byte[]> file = get ? files.computeIfAbsent(path, this::read) : Optional.empty();
        FullHttpResponse response;
        if (file.isPresent()) {
            response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(file.get()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, type(path));
        } else {
            response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    get ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.METHOD_NOT_ALLOWED,
                    Unpooled.copiedBuffer((get ? "not found: " + path : "use GET") + "\n", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        }
        response.headers()
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        ClosingResponse.send(ctx.channel(), response);
    }

    /** The resource a path names, or empty; never one outside the dashboard's own folders. */
    static Optional<String> resourceOf(String path, String uplotRoot) {
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            return Optional.empty();
        }
        if (path.equals("/")) {
            return Optional.of("dashboard/index.html");
        }
        if (path.startsWith(VENDOR_UPLOT)) {
            return Optional.of(uplotRoot + path.substring(VENDOR_UPLOT.length()));
        }
        return Optional.of("dashboard/" + path.substring(PREFIX.length()));
    }

    private Optional<byte[]> read(String path) {
        Optional<String> resource = resourceOf(path, uplotRoot);
        if (resource.isEmpty() || resource.get().endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = DashboardHandler.class.getClassLoader().getResourceAsStream(resource.get())) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String path) {
        if (path.equals("/")) {
            return TYPES.get("html");
        }
        int dot = path.lastIndexOf('.');
        return TYPES.getOrDefault(dot < 0 ? "" : path.substring(dot + 1), "application/octet-stream");
    }

    /** The WebJar's version, which names its folder. */
    private static String uplotVersion() {
        try (InputStream in = DashboardHandler.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uplot WebJar is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
