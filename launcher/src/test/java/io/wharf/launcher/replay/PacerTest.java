package io.wharf.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** A clock that moves only when the pacer sleeps, so each wait reads exactly. */
    private long nowNanos = 1_000_000_000L;

    private final List<Long> sleeps = new ArrayList<>();
    private final Pacer pacer = new Pacer(() -> nowNanos, millis -> {
        sleeps.add(millis);
        nowNanos += millis * 1_000_000;
    });

    @Test
    void reproducesTheGapsBetweenTimestamps() throws InterruptedException {
        pacer.awaitTurn(10_000);
        pacer.awaitTurn(10_250);
        pacer.awaitTurn(12_250);

        assertThat(sleeps).containsExactly(250L, 2_000L);
    }

    @Test
    void timeSpentSendingCountsTowardsTheGap() throws InterruptedException {
        pacer.awaitTurn(10_000);
        nowNanos += 100_000_000; // sending took 100 ms
        pacer.awaitTurn(10_250);

        assertThat(sleeps).containsExactly(150L);
    }

    @Test
    void aRecordOlderThanTheOneBeforeGoesAtOnce() throws InterruptedException {
        pacer.awaitTurn(10_000);
        pacer.awaitTurn(10_500);
        pacer.awaitTurn(10_100);

        assertThat(sleeps).containsExactly(500L);
    }
}
