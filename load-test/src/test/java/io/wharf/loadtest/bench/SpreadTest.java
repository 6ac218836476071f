package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void threeRoundsGiveTheMiddleOneAndTheLowestAndHighest() {
        Spread spread = Spread.of(Arrays.asList(64_000.0, 58_000.0, 71_500.0));

        assertThat(spread).isEqualTo(new Spread(64_000, 58_000, 71_500, 3));
        assertThat(spread.format()).isEqualTo("64,000 (58,000–71,500)");
    }

    @Test
    void roundsThatMeasuredNothingAreLeftOutAndAnEvenCountAveragesTheMiddleTwo() {
        Spread spread = Spread.of(Arrays.asList(2.0, null, 4.0, Double.NaN));

        assertThat(spread).isEqualTo(new Spread(3, 2, 4, 2));
    }

    @Test
    void oneRoundShowsItsFigureAloneAndNoRoundGivesNoSpread() {
        assertThat(Spread.of(Arrays.asList(0.25)).format()).isEqualTo("0.250");
        assertThat(Spread.of(Arrays.asList((Double) null))).isNull();
    }
}
