package io.wharf.edge.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.wharf.edge.netty.ExceptionHandler;

/**
 * The pipeline of the edge's HTTP port: the admin credentials check, the admin API, admin
 * commands, the dashboard, metrics and health.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final HealthHandler health;
    private final AdminHandler admin;
    private final MetricsHandler metrics;
    private final ApiHandler api;
    private final AdminGuard guard;
    private final DashboardHandler dashboard = new DashboardHandler();

    /**
     * @param guard the credentials check of {@code /api/} and {@code /admin/}
     * @param api the cluster-wide admin API, or null for none
     */
    public HttpChannelInitializer(
            HealthHandler health, AdminHandler admin, MetricsHandler metrics, AdminGuard guard, ApiHandler api) {
        this.health = health;
        this.admin = admin;
        this.metrics = metrics;
        this.guard = guard;
        this.api = api;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("http-codec", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("admin-guard", guard);
        if (api != null) {
            channel.pipeline().addLast("api", api);
        }
        channel.pipeline()
                .addLast("admin", admin)
                .addLast("dashboard", dashboard)
                .addLast("metrics", metrics)
                .addLast("health", health)
                .addLast("exception", ExceptionHandler.INSTANCE);
    }
}
