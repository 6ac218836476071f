package io.wharf.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressReportTest {

    private static final ReplayCounters.Snapshot HALF_WAY = new ReplayCounters.Snapshot(5_000, 1_200, 1_100, 3, 0);

    @Test
    void theBarShowsTheShareOfTheRangeReadAndTheCounts() {
        String bar = ProgressReport.bar(HALF_WAY, 10_000, Duration.ofSeconds(2));

        assertThat(bar)
                .startsWith("[###############...............]  50% ")
                .contains("5,000/10,000 read")
                .contains("1,200 matched")
                .contains("1,100 sent")
                .contains("3 skipped")
                .contains("2,500 records/s");
    }

    @Test
    void aReplayCutShortSaysSo() {
        assertThat(ProgressReport.summary(HALF_WAY, Duration.ofSeconds(1), false))
                .startsWith("Replay stopped in 1.0 s: 5,000 records read");
    }

    @Test
    void anEmptyRangeIsComplete() {
        assertThat(ProgressReport.bar(new ReplayCounters.Snapshot(0, 0, 0, 0, 0), 0, Duration.ZERO))
                .startsWith("[" + "#".repeat(30) + "] 100%");
    }

    @Test
    void theSummarySaysWhatWasReadMatchedSentSkippedAndFailed() {
        assertThat(ProgressReport.summary(HALF_WAY, Duration.ofMillis(4_250), true))
                .isEqualTo(
                        "Replay finished in 4.3 s: 5,000 records read, 1,200 matched, 1,100 sent, 3 skipped (no MQTT topic as key, or no value), 0 failed");
    }
}
