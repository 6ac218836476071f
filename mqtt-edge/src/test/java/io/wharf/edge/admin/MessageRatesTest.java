package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageRatesTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong received = new AtomicLong();
    private final MessageRates rates = new MessageRates(() -> new MessageTotals(received.get(), received.get() * 3));

    @Test
    void noRateBeforeTwoSamples() {
        assertThat(rates.rates()).isNull();
        rates.sample(0);
        assertThat(rates.rates()).isNull();
    }

    @Test
    void theRatesAreOverTheLastTenSeconds() {
        for (int second = 0; second <= 20; second++) {
            received.set(second < 10 ? 0 : 50L * (second - 10)); // nothing, then 50 per second
            rates.sample(second * SECOND);
        }

        assertThat(rates.rates()).isEqualTo(new MessageRates.Rates(50.0, 150.0));
    }

    @Test
    void aStartingEdgeShowsTheRateSinceItsFirstSample() {
        rates.sample(0);
        received.set(20);
        rates.sample(2 * SECOND);

        assertThat(rates.rates().receivedPerSecond()).isEqualTo(10.0);
    }
}
