package io.wharf.loadtest;

import io.wharf.loadtest.scenario.ScenarioResult;
import java.util.Locale;

/** One line that sums up a run, for the console. */
public final class Summary {

    private Summary() {}

    public static String line(ScenarioResult result) {
        return String.format(
                Locale.ROOT,
                "%s on %s: %,d connections, published %,d (%,.0f/s), acked %,.0f/s, delivered %,d of %,d expected (%,.0f/s), missing %,d, extra %,d, errors %s, latency p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms%s %s",
                result.scenario(),
                result.target(),
                result.connections(),
                result.published(),
                result.publishedPerSecond(),
                result.acknowledgedPerSecond(),
                result.delivered(),
                result.expected(),
                result.deliveredPerSecond(),
                result.missing(),
                result.extra(),
                result.errors(),
                result.latencyMs().get("p50"),
                result.latencyMs().get("p99"),
                result.latencyMs().get("p99.9"),
                result.latencyMs().get("max"),
                result.ackLatencyCount() == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", publish to ack p50 %.2f ms p99 %.2f ms",
                                result.ackLatencyMs().get("p50"),
                                result.ackLatencyMs().get("p99")),
                result.figures());
    }
}
