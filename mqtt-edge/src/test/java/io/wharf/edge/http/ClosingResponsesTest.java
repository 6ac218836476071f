package io.wharf.edge.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.wharf.edge.metrics.EdgeMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/1.1 answer after which the edge closes the connection says so ({@code Connection:
 * close}, RFC 9112 9.6): otherwise a client that keeps connections open sends its next request on
 * the one being closed and gets no answer at all.
 */
class ClosingResponsesTest {

    @Test
    void metricsSayTheConnectionCloses() {
        try (EdgeMetrics metrics = new EdgeMetrics("edge-test")) {
            assertClosesSayingSo(new MetricsHandler(metrics), HttpMethod.GET, "/metrics");
        }
    }

    @Test
    void theAdminAnswersSayTheConnectionCloses() {
        assertClosesSayingSo(new AdminHandler(() -> {}, Map::of), HttpMethod.GET, "/admin/clients");
        assertClosesSayingSo(new AdminHandler(() -> {}, Map::of), HttpMethod.POST, "/admin/drain");
    }

    private static void assertClosesSayingSo(ChannelHandler handler, HttpMethod method, String path) {
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path));

        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.headers().get(HttpHeaderNames.CONNECTION))
                    .as(method + " " + path)
                    .isEqualToIgnoringCase(HttpHeaderValues.CLOSE.toString());
            assertThat(channel.isOpen()).isFalse();
        } finally {
            response.release();
            channel.finishAndReleaseAll();
        }
    }
}
