package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitSettingsTest {

    @Test
    void theDefaultsSuitALaptop() {
        assertThat(LimitSettings.defaults())
                .isEqualTo(new LimitSettings(100_000, 0, 1000, 4096, 64, 0, 0, 64 * 1024, 64L * 1024 * 1024));
    }

    @Test
    void boundsAreAtLeastOneAndRatesZeroOrMore() {
        assertThatThrownBy(() -> LimitSettings.defaults().withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LimitSettings.defaults().withTopicLimits(4096, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LimitSettings.defaults().withPublishRates(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LimitSettings.defaults().withConnectionRate(0).connectionRate())
                .isZero();
    }
}
