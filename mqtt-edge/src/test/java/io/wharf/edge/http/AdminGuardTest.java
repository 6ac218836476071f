package io.wharf.edge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.wharf.edge.admin.AdminAccess;
import io.wharf.edge.auth.SlowChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A password check for the admin API runs off the event loop, and its answer comes back on it. */
class AdminGuardTest {

    private final SlowChecks slowChecks = new SlowChecks();
    private final AtomicReference<Thread> checkedOn = new AtomicReference<>();

    @AfterEach
    void close() {
        slowChecks.close();
    }

    @Test
    void anExpensiveCheckRunsOnAnotherThreadAndThenLetsTheRequestThrough() {
        EmbeddedChannel channel = new EmbeddedChannel(new AdminGuard(expensive("Basic good"), slowChecks));

        channel.writeInbound(request("Basic good"));

        FullHttpRequest passed = awaitInbound(channel);
        try {
            assertThat(passed.uri()).isEqualTo("/api/edges");
            assertThat(checkedOn.get()).isNotEqualTo(Thread.currentThread());
            assertThat(checkedOn.get().getName()).startsWith("wharf-auth-");
            assertThat(channel.config().isAutoRead()).isTrue();
        } finally {
            passed.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aRefusedExpensiveCheckIsAnswered401() {
        EmbeddedChannel channel = new EmbeddedChannel(new AdminGuard(expensive("Basic good"), slowChecks));

        channel.writeInbound(request("Basic wrong"));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            return !channel.outboundMessages().isEmpty();
        });
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
            assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).contains("Basic");
            assertThat((Object) channel.readInbound()).isNull();
        } finally {
            response.release();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aCheapCheckIsDecidedAtOnce() {
        AdminAccess token = authorization -> {
            checkedOn.set(Thread.currentThread());
            return "Bearer token".equals(authorization);
        };
        EmbeddedChannel channel = new EmbeddedChannel(new AdminGuard(token, slowChecks));

        channel.writeInbound(request("Bearer token"));

        FullHttpRequest passed = channel.readInbound();
        assertThat(passed).isNotNull();
        assertThat(checkedOn.get()).isEqualTo(Thread.currentThread());
        passed.release();
        channel.finishAndReleaseAll();
    }

    private AdminAccess expensive(String accepted) {
        return new AdminAccess() {
            @Override
            public boolean permits(String authorization) {
                checkedOn.set(Thread.currentThread());
                return accepted.equals(authorization);
            }

            @Override
            public boolean isExpensive(String authorization) {
                return true;
            }
        };
    }

    private static FullHttpRequest awaitInbound(EmbeddedChannel channel) {
        List<FullHttpRequest> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            FullHttpRequest request = channel.readInbound();
            return request != null && read.add(request);
        });
        return read.get(0);
    }

    private static FullHttpRequest request(String authorization) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/edges");
        request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        return request;
    }
}
