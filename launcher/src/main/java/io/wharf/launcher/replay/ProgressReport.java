package io.wharf.launcher.replay;

import java.time.Duration;
import java.util.Locale;

/** How a replay's progress and result read on the console. Pure functions of the counters. */
final class ProgressReport {

    private static final int BAR_WIDTH = 30;

    private ProgressReport() {}

    /**
     * One line for a terminal, redrawn in place: a bar of the records read out of the range.
     *
     * @param inRange how many offsets the range spans (an upper bound of the records)
     */
    static String bar(ReplayCounters.Snapshot counters, long inRange, Duration elapsed) {
        double done = inRange == 0 ? 1 : Math.min(1, (double) counters.read() / inRange);
        int filled = (int) Math.round(done * BAR_WIDTH);
        return String.format(
                Locale.ROOT,
                "[%s%s] %3d%% %s",
                "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled),
                Math.round(done * 100),
                counts(counters, inRange, elapsed));
    }

    /** One line for a log or a pipe, written every few seconds. */
    static String line(ReplayCounters.Snapshot counters, long inRange, Duration elapsed) {
        return "replay: " + counts(counters, inRange, elapsed);
    }

    /**
     * The final line.
     *
     * @param completed whether the replay reached the end of its range
     */
    static String summary(ReplayCounters.Snapshot counters, Duration elapsed, boolean completed) {
        return String.format(
                Locale.ROOT,
                "Replay %s in %.1f s: %,d records read, %,d matched, %,d sent, %,d skipped (no MQTT topic as key, or no value), %,d failed",
                completed ? "finished" : "stopped",
                elapsed.toMillis() / 1000.0,
                counters.read(),
                counters.matched(),
                counters.sent(),
                counters.skipped(),
                counters.failed());
    }

    private static String counts(ReplayCounters.Snapshot counters, long inRange, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(
                Locale.ROOT,
                "%,d/%,d read, %,d matched, %,d sent, %,d skipped, %,.0f records/s",
                counters.read(),
                inRange,
                counters.matched(),
                counters.sent(),
                counters.skipped(),
                counters.read() / seconds);
    }
}
