package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A connection let in with a token ends when the token expires, by the edge's clock. */
class CredentialExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    @Test
    void theDelayRunsFromTheEdgesClockToTheExpiry() {
        assertThat(CredentialExpiry.delayUntil(NOW.plusSeconds(90), NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(CredentialExpiry.delayUntil(NOW.minusSeconds(1), NOW)).isZero();
    }

    @Test
    void theConnectionClosesWhenTheTokenExpiresAndNotBefore() {
        EmbeddedChannel channel = new EmbeddedChannel();
        CredentialExpiry.schedule(channel, NOW.plusSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }
}
