package io.wharf.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long START = 1_000_000_000L;

    @Test
    void aHundredPerSecondMakesTenDueInTheFirstNinetyMilliseconds() {
        Pacer pacer = new Pacer(100, START);

        assertThat(pacer.dueBy(START - 1)).isZero();
        assertThat(pacer.dueBy(START)).isEqualTo(1);
        assertThat(pacer.dueBy(START + 90_000_000L)).isEqualTo(10);
        assertThat(pacer.dueBy(START + 1_000_000_000L)).isEqualTo(101);
    }

    @Test
    void eachMessageIsDueOnePeriodAfterThePrevious() {
        Pacer pacer = new Pacer(4, START);

        assertThat(pacer.intendedNanos(0)).isEqualTo(START);
        assertThat(pacer.intendedNanos(1)).isEqualTo(START + 250_000_000L);
        assertThat(pacer.intendedNanos(8)).isEqualTo(START + 2_000_000_000L);
    }

    @Test
    void zeroRateMeansUnpaced() {
        assertThat(new Pacer(0, START).unlimited()).isTrue();
        assertThat(new Pacer(0.5, START).unlimited()).isFalse();
    }
}
