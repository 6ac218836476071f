package io.wharf.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wharf.loadtest.measure.Measurements;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {

    private static final long START = 1_000_000_000L;

    @Test
    void fewerDeliveriesThanExpectedAreReportedMissing() {
        Measurements measurements = measured(10, 8);

        ScenarioResult result = ScenarioResult.of(
                "fan-out",
                new LoadOptions(),
                "now",
                3,
                measurements,
                10,
                1.0,
                START + TimeUnit.SECONDS.toNanos(2),
                measurements.totalLatency(),
                Map.of());

        assertThat(result.missing()).isEqualTo(2);
        assertThat(result.extra()).isZero();
        assertThat(result.delivered()).isEqualTo(8);
    }

    @Test
    void moreDeliveriesThanExpectedAreReportedExtra() {
        Measurements measurements = measured(4, 6);

        ScenarioResult result = ScenarioResult.of(
                "fan-out",
                new LoadOptions(),
                "now",
                3,
                measurements,
                4,
                1.0,
                START + TimeUnit.SECONDS.toNanos(2),
                measurements.totalLatency(),
                Map.of());

        assertThat(result.missing()).isZero();
        assertThat(result.extra()).isEqualTo(2);
    }

    @Test
    void ratesArePerSecondOfPublishingAndPercentilesInMilliseconds() {
        Measurements measurements = measured(10, 10);

        ScenarioResult result = ScenarioResult.of(
                "fan-in",
                new LoadOptions(),
                "now",
                3,
                measurements,
                10,
                2.0,
                START + TimeUnit.SECONDS.toNanos(3),
                measurements.totalLatency(),
                Map.of());

        assertThat(result.publishedPerSecond()).isCloseTo(5, within(0.001));
        assertThat(result.latencyCount()).isEqualTo(10);
        assertThat(result.latencyMs().get("p50")).isCloseTo(5, within(0.01));
        assertThat(result.latencyMs()).containsKeys("p50", "p90", "p99", "p99.9", "max");
        assertThat(result.percentileCurve()).isNotEmpty();
    }

    /** {@code published} messages, {@code delivered} deliveries each 5 ms after its send. */
    private static Measurements measured(int published, int delivered) {
        Measurements measurements = new Measurements(START);
        for (int i = 0; i < published; i++) {
            measurements.published();
            measurements.acknowledged();
        }
        for (int i = 0; i < delivered; i++) {
            long sent = START + TimeUnit.MILLISECONDS.toNanos(10 * i);
            measurements.delivered(sent, sent + TimeUnit.MILLISECONDS.toNanos(5));
        }
        measurements.sample(START + TimeUnit.SECONDS.toNanos(1));
        return measurements;
    }
}
