package io.wharf.loadtest.bench;

import io.wharf.loadtest.scenario.ScenarioResult;

/**
 * One step of the benchmark against one target: its result, or why it failed, and the CPU time
 * the broker and the load generator each used meanwhile (they share the machine's cores).
 */
record StepResult(
        String label,
        String description,
        String target,
        ScenarioResult result,
        String failure,
        double brokerCpuSeconds,
        double clientCpuSeconds) {

    /** The step's headline rate: deliveries per second, or acknowledgements where nothing is delivered. */
    Double throughput() {
        if (result == null) {
            return null;
        }
        if (result.scenario().equals("connection-storm")) {
            return number(result.figures().get("connectsPerSecond"));
        }
        if (result.scenario().equals("persistent-reconnect")) {
            return number(result.figures().get("secondsUntilDrained"));
        }
        if (result.scenario().equals("kafka-raw") || result.delivered() == 0) {
            return result.acknowledgedPerSecond();
        }
        return result.deliveredPerSecond();
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

    Double p99() {
        return result == null || result.latencyCount() == 0
                ? null
                : result.latencyMs().get("p99");
    }

    private static Double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : null;
    }
}
