package io.wharf.loadtest.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.loadtest.scenario.ScenarioResult;

/**
 * One measured round of a step against one target: its result, or why it failed, and the CPU the
 * broker and the load generator each used over the round's load window (after connecting, up to the
 * end of the drain), read from {@code /proc/<pid>/stat}.
 */
record RoundResult(ScenarioResult result, String failure, double brokerCpuSeconds, double clientCpuSeconds) {

    /** The headline rate: deliveries per second, or acknowledgements where nothing is delivered. */
    Double throughput() {
        if (result == null) {
            return null;
        }
        return switch (result.scenario()) {
            case "connection-storm" -> number(result.figures().get("connectsPerSecond"));
            case "persistent-reconnect" -> number(result.figures().get("secondsUntilDrained"));
            case "kafka-raw" -> result.acknowledgedPerSecond();
            default -> result.delivered() == 0 ? result.acknowledgedPerSecond() : result.deliveredPerSecond();
        };
    }

    String throughputUnit() {
        if (result == null) {
            return "";
        }
        return switch (result.scenario()) {
            case "connection-storm" -> "connects/s";
            case "persistent-reconnect" -> "s until drained (lower is better)";
            case "kafka-raw" -> "records acked/s (produce)";
            default -> result.delivered() == 0 ? "publishes acked/s" : "deliveries/s";
        };
    }

    /** What the broker's CPU is divided by: deliveries, else acknowledged publications (connections in a storm). */
    @JsonProperty
    long messages() {
        if (result == null) {
            return 0;
        }
        if (result.scenario().equals("connection-storm")) {
            return result.connections();
        }
        return result.delivered() > 0 ? result.delivered() : result.acknowledged();
    }

    /** Seconds of the load window the CPU was read over. */
    @JsonProperty
    double loadSeconds() {
        return result == null ? 0 : (result.loadEndNanos() - result.loadStartNanos()) / 1e9;
    }

    /** The broker's CPU per message in microseconds. */
    @JsonProperty
    Double brokerCpuMicrosPerMessage() {
        long messages = messages();
        return messages == 0 || Double.isNaN(brokerCpuSeconds) ? null : brokerCpuSeconds * 1e6 / messages;
    }

    /** The broker's CPU over the load window as a share of one core, in percent. */
    @JsonProperty
    Double brokerCorePercent() {
        double seconds = loadSeconds();
        return seconds <= 0 || Double.isNaN(brokerCpuSeconds) ? null : brokerCpuSeconds / seconds * 100;
    }

    Double p50() {
        return latency("p50");
    }

    Double p99() {
        return latency("p99");
    }

    Double ackP50() {
        return ackLatency("p50");
    }

    Double ackP99() {
        return ackLatency("p99");
    }

    private Double latency(String percentile) {
        return result == null || result.latencyCount() == 0
                ? null
                : result.latencyMs().get(percentile);
    }

    private Double ackLatency(String percentile) {
        return result == null || result.ackLatencyCount() == 0
                ? null
                : result.ackLatencyMs().get(percentile);
    }

    private static Double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }
}
