package io.wharf.loadtest.edges;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one step (fan-in or fan-out) measured on one edge count, after its warm-up.
 *
 * @param offeredPerSecond messages per second the publishers were asked to send in all
 * @param publishSeconds how long the measured publishing went
 * @param windowSeconds the measured window: publishing and the wait for its last deliveries (CPU
 *     and counter deltas are taken over it)
 * @param published messages the publishers sent in the window
 * @param expected deliveries those messages owe the subscribers
 * @param delivered deliveries that arrived
 * @param connectFailures clients that could not connect or subscribe
 * @param latencyP50Micros publish (as scheduled) to receive, median
 * @param latencyP99Micros the same, 99th percentile
 * @param kafkaCpuSeconds CPU of the Kafka process (its broker, the router and an idle edge)
 */
public record StepFigures(
        String step,
        int edgeCount,
        int publishers,
        int subscribers,
        double offeredPerSecond,
        double publishSeconds,
        double windowSeconds,
        long published,
        long expected,
        long delivered,
        long connectFailures,
        long latencyP50Micros,
        long latencyP99Micros,
        double kafkaCpuSeconds,
        List<EdgeStepFigures> edges) {

    @JsonProperty
    public long missing() {
        return expected - delivered;
    }

    @JsonProperty
    public double publishedPerSecond() {
        return publishSeconds > 0 ? published / publishSeconds : Double.NaN;
    }

    @JsonProperty
    public double deliveredPerSecond() {
        return publishSeconds > 0 ? delivered / publishSeconds : Double.NaN;
    }

    /** Kafka's CPU per message published, in µs. */
    @JsonProperty
    public double kafkaCpuMicrosPerMessageIn() {
        return published > 0 ? kafkaCpuSeconds * 1e6 / published : Double.NaN;
    }

    @JsonProperty
    public double edgeCpuSeconds() {
        return edges.stream().mapToDouble(EdgeStepFigures::cpuSeconds).sum();
    }

    /** All edges' CPU per message in or out of any edge, in µs: the chart's figure. */
    @JsonProperty
    public double edgeCpuMicrosPerMessage() {
        long messages = edges.stream()
                .mapToLong(edge -> edge.messagesIn() + edge.messagesOut())
                .sum();
        return messages > 0 ? edgeCpuSeconds() * 1e6 / messages : Double.NaN;
    }

    /** All edges' CPU per message published, in µs. */
    @JsonProperty
    public double edgeCpuMicrosPerMessageIn() {
        return published > 0 ? edgeCpuSeconds() * 1e6 / published : Double.NaN;
    }

    /** How many times the edges read the published stream between them (1: each record once). */
    @JsonProperty
    public double streamReads() {
        long fetched = edges.stream().mapToLong(EdgeStepFigures::recordsFetched).sum();
        return published > 0 ? (double) fetched / published : Double.NaN;
    }
}
