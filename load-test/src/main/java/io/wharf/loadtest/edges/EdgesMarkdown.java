package io.wharf.loadtest.edges;

import java.util.Locale;

/** An {@code edges} run as Markdown tables, to paste into BENCHMARKS.md. */
final class EdgesMarkdown {

    private EdgesMarkdown() {}

    static String render(EdgesResult result) {
        StringBuilder md = new StringBuilder();
        md.append(format(
                "What each edge adds, run of %s: `%s`; %s. QoS 1, MQTT 3.1.1, clean sessions; the message topic has %d"
                        + " partitions; edges started with `%s`; %s.%n%n",
                result.startedAt(),
                result.commandLine(),
                result.machine(),
                result.messageTopicPartitions(),
                String.join(" ", result.edgeFlags()),
                EdgesResult.KAFKA_PROCESS));
        md.append("| step | edges | offered msg/s | published | published/s | delivered | delivered/s | missing |"
                + " p50 ms | p99 ms | edge CPU s | edge CPU µs/msg in+out | edge CPU µs/msg in | Kafka CPU s |"
                + " Kafka CPU µs/msg in | stream reads |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
                + " ---: | ---: |\n");
        for (StepFigures step : result.steps()) {
            md.append(format(
                    "| %s | %d | %,.0f | %,d | %,.0f | %,d | %,.0f | %,d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %.1f |"
                            + " %.2f |%n",
                    step.step(),
                    step.edgeCount(),
                    step.offeredPerSecond(),
                    step.published(),
                    step.publishedPerSecond(),
                    step.delivered(),
                    step.deliveredPerSecond(),
                    step.missing(),
                    step.latencyP50Micros() / 1000.0,
                    step.latencyP99Micros() / 1000.0,
                    step.edgeCpuSeconds(),
                    step.edgeCpuMicrosPerMessage(),
                    step.edgeCpuMicrosPerMessageIn(),
                    step.kafkaCpuSeconds(),
                    step.kafkaCpuMicrosPerMessageIn(),
                    step.streamReads()));
        }
        md.append(
                "\n| step | edges | edge | CPU s | messages in | messages out | CPU µs/msg in+out | partitions followed |"
                        + " records fetched | fetched per delivered |\n");
        md.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (StepFigures step : result.steps()) {
            for (EdgeStepFigures edge : step.edges()) {
                md.append(format(
                        "| %s | %d | %s | %.2f | %,d | %,d | %.1f | %d of %d | %,d | %.2f |%n",
                        step.step(),
                        step.edgeCount(),
                        edge.nodeId(),
                        edge.cpuSeconds(),
                        edge.messagesIn(),
                        edge.messagesOut(),
                        edge.cpuMicrosPerMessage(),
                        edge.followedPartitions().size(),
                        result.messageTopicPartitions(),
                        edge.recordsFetched(),
                        edge.fetchedPerDelivered()));
            }
        }
        boolean fromOffsets = result.steps().stream()
                .flatMap(step -> step.edges().stream())
                .anyMatch(edge -> edge.recordsFetchedFrom().equals(EdgeStepFigures.FROM_END_OFFSETS));
        md.append(format(
                "%nStream reads: the records all edges' live feeds fetched, per message published.%s%n",
                fromOffsets
                        ? " Records fetched: the records appended during the window to the partitions an edge's feed"
                                + " follows (the edge's /metrics has no records_consumed_total; the feed reads those"
                                + " partitions whole)."
                        : ""));
        if (!result.failures().isEmpty()) {
            md.append("\nFailures:\n");
            result.failures().forEach(failure -> md.append("- ").append(failure).append('\n'));
        }
        return md.toString();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
