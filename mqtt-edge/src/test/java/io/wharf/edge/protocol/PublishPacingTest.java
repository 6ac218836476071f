package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.limits.Limit;
import io.wharf.edge.limits.LimitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client past its publish rate is read from again once its budget refilled, not before a Receive Maximum pause ends. */
class PublishPacingTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadPauses pauses = new ReadPauses(channel);
    private final List<Limit> hits = new ArrayList<>();
    /** The budget's clock, moved with the channel's: the test decides how much time passes. */
    private final AtomicLong nanos = new AtomicLong();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void pastItsRateTheClientIsNotReadFromUntilTheBudgetRefilled() {
        PublishPacing pacing = pacing(LimitSettings.defaults().withPublishRates(1000, 0));

        for (int i = 0; i < 1000; i++) {
            pacing.published(10);
        }
        assertThat(channel.config().isAutoRead())
                .as("one second's worth is taken at once")
                .isTrue();
        pacing.published(10);
        pacing.published(10); // read before the pause took effect: counted, not dropped

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(hits).containsExactly(Limit.PUBLISH_RATE);
        awaitReading();
    }

    @Test
    void theByteRateIsCountedUnderItsOwnName() {
        PublishPacing pacing = pacing(LimitSettings.defaults().withPublishRates(0, 1000));

        pacing.published(1010);

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(hits).containsExactly(Limit.PUBLISH_BYTES_RATE);
        awaitReading();
    }

    @Test
    void theEndOfARatePauseLeavesAReceiveMaximumPauseAlone() {
        PublishPacing pacing = pacing(LimitSettings.defaults().withPublishRates(1, 0));
        pacing.published(0);
        pacing.published(0);
        pauses.pause(ReadPauses.Reason.RECEIVE_MAXIMUM);

        for (int tenths = 0; tenths < 100 && pauses.isPaused(ReadPauses.Reason.PUBLISH_RATE); tenths++) {
            passes(Duration.ofMillis(100));
        }
        assertThat(pauses.isPaused(ReadPauses.Reason.PUBLISH_RATE)).isFalse();

        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void withoutRatesNothingIsPaced() {
        PublishPacing pacing = pacing(LimitSettings.defaults());

        for (int i = 0; i < 10_000; i++) {
            pacing.published(1_000_000);
        }

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(hits).isEmpty();
    }

    private PublishPacing pacing(LimitSettings settings) {
        channel.freezeTime();
        return PublishPacing.of(channel, pauses, new EdgeLimits(settings, hits::add), nanos::get);
    }

    private void awaitReading() {
        for (int tenths = 0; tenths < 100 && !channel.config().isAutoRead(); tenths++) {
            passes(Duration.ofMillis(100));
        }
        assertThat(channel.config().isAutoRead())
                .as("reading again once the budget refilled")
                .isTrue();
    }

    private void passes(Duration time) {
        nanos.addAndGet(time.toNanos());
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }
}
