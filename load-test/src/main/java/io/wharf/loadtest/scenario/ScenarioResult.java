package io.wharf.loadtest.scenario;

import io.wharf.loadtest.measure.Measurements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What one scenario run against one broker measured. Serialised as the JSON report; the HTML
 * report draws its curves.
 *
 * @param expected deliveries a correct broker makes for what was published
 * @param missing expected deliveries that did not arrive before the drain ended
 * @param extra deliveries beyond the expected (duplicates)
 * @param publishSeconds from the first publication to the last
 * @param elapsedSeconds from the start to the end of the drain
 * @param acknowledgedPerSecond acknowledgements over the time from the start to the last one
 * @param deliveredPerSecond deliveries over the time from the start to the last one
 * @param latencyMs publish-to-receive percentiles in milliseconds (p50, p90, p99, p99.9, max)
 * @param percentileCurve [percentile, milliseconds] pairs for the latency curve
 * @param ackLatencyCount QoS 1 and 2 publications whose acknowledgement was timed
 * @param ackLatencyMs publish-to-acknowledgement percentiles as the publisher sees them (from
 *     writing the PUBLISH to receiving its PUBACK or PUBCOMP), in milliseconds
 * @param figures what a scenario measures beyond counts and latency, by name
 * @param loadStartNanos {@link System#nanoTime()} when the load proper started (after connecting)
 * @param loadEndNanos {@link System#nanoTime()} when the drain ended: with the start, the window a
 *     benchmark reads the broker's CPU time over
 */
public record ScenarioResult(
        String scenario,
        String target,
        String startedAt,
        LoadOptions options,
        int connections,
        long published,
        long acknowledged,
        long delivered,
        long expected,
        long missing,
        long extra,
        Map<String, Long> errors,
        double publishSeconds,
        double elapsedSeconds,
        double publishedPerSecond,
        double acknowledgedPerSecond,
        double deliveredPerSecond,
        long latencyCount,
        Map<String, Double> latencyMs,
        List<double[]> percentileCurve,
        List<Measurements.Sample> timeline,
        long ackLatencyCount,
        Map<String, Double> ackLatencyMs,
        Map<String, Object> figures,
        long loadStartNanos,
        long loadEndNanos) {

    /** Percentiles reported for every run. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** Builds the result of a run from its measurements and a latency histogram in microseconds. */
    static ScenarioResult of(
            String scenario,
            LoadOptions options,
            String startedAt,
            int connections,
            Measurements measurements,
            long expected,
            double publishSeconds,
            long endNanos,
            Histogram latency,
            Map<String, Object> figures) {
        Measurements.Counts counts = measurements.counts();
        long start = measurements.startNanos();
        double elapsed = Math.max(1e-9, (endNanos - start) / 1e9);
        Histogram ackLatency = measurements.totalAckLatency();
        return new ScenarioResult(
                scenario,
                options.target,
                startedAt,
                options,
                connections,
                counts.published(),
                counts.acknowledged(),
                counts.delivered(),
                expected,
                Math.max(0, expected - counts.delivered()),
                Math.max(0, counts.delivered() - expected),
                measurements.errors(),
                publishSeconds,
                elapsed,
                publishSeconds <= 0 ? 0 : counts.published() / publishSeconds,
                perSecond(counts.acknowledged(), start, measurements.lastAcknowledgementNanos()),
                perSecond(counts.delivered(), start, measurements.lastDeliveryNanos()),
                latency.getTotalCount(),
                percentiles(latency),
                curve(latency),
                measurements.timeline(),
                ackLatency.getTotalCount(),
                percentiles(ackLatency),
                figures,
                start,
                endNanos);
    }

    /** A count over the time from the start to its last event. */
    private static double perSecond(long count, long startNanos, long lastNanos) {
        return count == 0 || lastNanos <= startNanos ? 0 : count / ((lastNanos - startNanos) / 1e9);
    }

    static Map<String, Double> percentiles(Histogram micros) {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (double percentile : PERCENTILES) {
            ms.put(
                    "p" + trim(percentile),
                    micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0);
        }
        ms.put("max", micros.getMaxValue() / 1000.0);
        return ms;
    }

    private static List<double[]> curve(Histogram micros) {
        List<double[]> points = new ArrayList<>();
        if (micros.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : micros.percentiles(5)) {
            double percentile = Math.min(value.getPercentileLevelIteratedTo(), 99.9999);
            points.add(new double[] {percentile, value.getValueIteratedTo() / 1000.0});
        }
        return points;
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
