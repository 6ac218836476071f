package io.wharf.loadtest.scaleout;

import java.util.Locale;

/** A scale-out run as a short Markdown section, to paste into BENCHMARKS.md. */
final class ScaleOutMarkdown {

    private static final double KIB = 1024.0;

    private ScaleOutMarkdown() {}

    static String render(ScaleOutResult result) {
        StringBuilder md = new StringBuilder();
        md.append(format(
                "Scale-out run of %s: %,d MQTT 3.1.1 connections (clean sessions, one QoS 1 subscription of its own"
                        + " each) over %d edges on one Kafka, from %d load-generator processes; %s.%n%n",
                result.startedAt(), result.connections(), result.edgeCount(), result.generators(), result.machine()));
        md.append("| edge | connections held | RSS KiB per connection | heap KiB per connection | CPU s connecting |"
                + " CPU s delivering |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (EdgeFigures edge : result.edges()) {
            md.append(format(
                    "| %s | %,d | %s | %s | %.2f | %.2f |%n",
                    edge.nodeId(),
                    edge.held(),
                    kib(edge.rssBytesPerConnection()),
                    kib(edge.heapBytesPerConnection()),
                    edge.connectCpuSeconds(),
                    edge.deliveryCpuSeconds()));
        }
        md.append(format("| all | %,d | | | | |%n%n", result.heldInAll()));
        md.append("| overall | |\n| --- | ---: |\n");
        md.append(format(
                "| connected and subscribed | %,d (%,d failed; %,d attempts refused and tried again) |%n",
                result.subscribed(), result.connectFailures(), result.connectRetries()));
        md.append(format("| time to connect and subscribe all | %.1f s |%n", result.connectSeconds()));
        md.append(format("| connects/s | %,.0f |%n", result.connectsPerSecond()));
        md.append(format(
                "| delivery, first record written to last message | %.2f s |%n",
                result.deliverySecondsFromFirstWrite()));
        md.append(format(
                "| delivery, last record written to last message | %.2f s |%n", result.deliverySecondsFromLastWrite()));
        md.append(format(
                "| messages received / expected | %,d / %,d (%,d duplicates) |%n",
                result.received(), result.expected(), result.duplicates()));
        md.append(format("| Kafka process CPU s delivering | %.2f |%n", result.kafkaDeliveryCpuSeconds()));
        return md.toString();
    }

    private static String kib(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : format("%.1f", bytes / KIB);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
