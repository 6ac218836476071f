package io.wharf.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Repeated refusals of one host are answered later and later; others, and quiet hosts, are not slowed. */
class FailedAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T06:00:00Z");
    private final FailedAttempts attempts =
            new FailedAttempts(3, Duration.ofMinutes(1), Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void theFirstRefusalIsAnsweredAtOnceAndEachFurtherOneWaitsTwiceAsLongUpToTheMaximum() {
        assertThat(attempts.refused("10.0.0.1", T0)).isZero();
        assertThat(attempts.refused("10.0.0.1", T0.plusSeconds(1))).isEqualTo(Duration.ofMillis(200));
        assertThat(attempts.refused("10.0.0.1", T0.plusSeconds(2))).isEqualTo(Duration.ofMillis(400));
        assertThat(attempts.refused("10.0.0.1", T0.plusSeconds(3))).isEqualTo(Duration.ofMillis(800));
        assertThat(attempts.refused("10.0.0.1", T0.plusSeconds(4))).isEqualTo(Duration.ofSeconds(1));
        assertThat(attempts.refused("10.0.0.1", T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anotherHostIsNotSlowedByTheFirstOnesFailures() {
        attempts.refused("10.0.0.1", T0);
        attempts.refused("10.0.0.1", T0);
        assertThat(attempts.refused("10.0.0.2", T0)).isZero();
    }

    @Test
    void aHostQuietForTheWindowStartsAfresh() {
        attempts.refused("10.0.0.1", T0);
        attempts.refused("10.0.0.1", T0.plusSeconds(1));
        assertThat(attempts.refused("10.0.0.1", T0.plusSeconds(61))).isZero();
    }

    @Test
    void atMostMaxHostsAreRememberedTheLongestQuietForgottenFirst() {
        attempts.refused("10.0.0.1", T0);
        attempts.refused("10.0.0.2", T0);
        attempts.refused("10.0.0.3", T0);
        attempts.refused("10.0.0.1", T0); // 10.0.0.2 is now the longest quiet
        attempts.refused("10.0.0.4", T0);
        assertThat(attempts.size()).isEqualTo(3);
        assertThat(attempts.refused("10.0.0.2", T0)).isZero();
        assertThat(attempts.refused("10.0.0.1", T0)).isEqualTo(Duration.ofMillis(400));
    }
}
