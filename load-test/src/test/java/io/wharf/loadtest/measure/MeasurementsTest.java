package io.wharf.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

    private static final long START = 5_000_000_000L;

    @Test
    void latenciesOfOneToAThousandMillisecondsGiveTheirPercentiles() {
        Measurements measurements = new Measurements(START);
        for (int ms = 1; ms <= 1000; ms++) {
            long sent = START + ms;
            measurements.delivered(sent, sent + TimeUnit.MILLISECONDS.toNanos(ms));
        }
        measurements.sample(START + TimeUnit.SECONDS.toNanos(1));

        Histogram latency = measurements.totalLatency();
        assertThat(latency.getTotalCount()).isEqualTo(1000);
        assertThat(latency.getValueAtPercentile(50) / 1000.0).isCloseTo(500, within(1.0));
        assertThat(latency.getValueAtPercentile(99) / 1000.0).isCloseTo(990, within(1.0));
        assertThat(latency.getMaxValue() / 1000.0).isCloseTo(1000, within(1.0));
    }

    @Test
    void countsAndErrorsAddUpAndUnstampedDeliveriesCountWithoutALatency() {
        Measurements measurements = new Measurements(START);
        for (int i = 0; i < 7; i++) {
            measurements.published();
        }
        measurements.acknowledged();
        measurements.acknowledged();
        measurements.delivered(-1, START + 10);
        measurements.error("connection lost");
        measurements.error("connection lost");
        measurements.error("no SUBACK");
        measurements.sample(START + 100);

        assertThat(measurements.counts()).isEqualTo(new Measurements.Counts(7, 2, 1));
        assertThat(measurements.totalLatency().getTotalCount()).isZero();
        assertThat(measurements.errors()).containsEntry("connection lost", 2L).containsEntry("no SUBACK", 1L);
        assertThat(measurements.errorCount()).isEqualTo(3);
    }

    @Test
    void eachSampleHoldsTheRatesOfItsOwnInterval() {
        Measurements measurements = new Measurements(START);
        for (int i = 0; i < 100; i++) {
            measurements.published();
        }
        Measurements.Sample first = measurements.sample(START + TimeUnit.SECONDS.toNanos(1));
        for (int i = 0; i < 50; i++) {
            measurements.published();
            measurements.delivered(-1, START);
        }
        Measurements.Sample second = measurements.sample(START + TimeUnit.SECONDS.toNanos(3));

        assertThat(first.publishedPerSecond()).isCloseTo(100, within(0.01));
        assertThat(second.publishedPerSecond()).isCloseTo(25, within(0.01));
        assertThat(second.deliveredPerSecond()).isCloseTo(25, within(0.01));
        assertThat(measurements.timeline()).containsExactly(first, second);
    }

    @Test
    void restartingTheClockKeepsCountsAndStartsANewTimeline() {
        Measurements measurements = new Measurements(START);
        measurements.error("connect failed: ConnectException");
        measurements.sample(START + 1_000);

        measurements.restart(START + 2_000);

        assertThat(measurements.startNanos()).isEqualTo(START + 2_000);
        assertThat(measurements.timeline()).isEmpty();
        assertThat(measurements.errorCount()).isEqualTo(1);
    }

    @Test
    void anAcknowledgementOfAWrittenPublicationIsCountedWithItsLatency() {
        Measurements measurements = new Measurements(START);
        long written = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(40);

        measurements.acknowledged(written);
        measurements.sample(System.nanoTime());

        assertThat(measurements.counts().acknowledged()).isEqualTo(1);
        assertThat(measurements.totalAckLatency().getTotalCount()).isEqualTo(1);
        assertThat(measurements.totalAckLatency().getMaxValue() / 1000.0).isGreaterThanOrEqualTo(40);
        assertThat(measurements.totalLatency().getTotalCount()).isZero();
    }
}
