package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishPaceTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void noRatesNoPace() {
        assertThat(PublishPace.of(LimitSettings.defaults(), 0)).isEmpty();
    }

    @Test
    void aMessagePastTheMessageRateCallsForAPause() {
        PublishPace pace = PublishPace.of(LimitSettings.defaults().withPublishRates(2, 0), 0)
                .orElseThrow();

        assertThat(pace.publish(100, 0)).isEmpty();
        assertThat(pace.publish(100, 0)).isEmpty();
        assertThat(pace.publish(100, 0)).contains(new PublishPace.Pause(Limit.PUBLISH_RATE, SECOND / 2));
        assertThat(pace.remainingNanos(SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(pace.remainingNanos(SECOND / 2)).isZero();
    }

    @Test
    void theByteRateNamesItselfWhenItCallsForTheLongerPause() {
        PublishPace pace = PublishPace.of(LimitSettings.defaults().withPublishRates(100, 1000), 0)
                .orElseThrow();

        assertThat(pace.publish(3000, 0)).contains(new PublishPace.Pause(Limit.PUBLISH_BYTES_RATE, 2 * SECOND));
    }
}
