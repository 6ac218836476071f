package io.wharf.loadtest.bench;

import io.wharf.loadtest.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The tables a benchmark run is read through: the figures of every step per broker (the median of
 * the rounds, with the lowest and highest round in brackets) with Wharf's ratio to each peer, what
 * each broker guarantees, its CPU with no traffic, and memory per idle connection. The targets have
 * {@link TargetChecks}.
 */
final class BenchTables {

    private BenchTables() {}

    /** Rows of the ratio table; the first row is the header. */
    static List<List<String>> ratios(BenchReport report) {
        List<String> peers = peers(report);
        List<String> header = new ArrayList<>(List.of("run", "metric", BenchPlan.WHARF));
        header.addAll(peers);
        peers.forEach(peer -> header.add("wharf / " + peer));
        header.add("missing (wharf" + peers.stream().map(peer -> ", " + peer).reduce("", String::concat) + ")");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (Map.Entry<String, Map<String, StepResult>> step : byStep(report).entrySet()) {
            Map<String, StepResult> byTarget = step.getValue();
            StepResult wharf = byTarget.getOrDefault(BenchPlan.WHARF, byTarget.get(BenchPlan.RAW_KAFKA));
            if (wharf == null) {
                continue;
            }
            String label = step.getKey();
            addRow(rows, label, wharf.throughputUnit(), wharf, peers, byTarget, StepResult::throughput);
            addRow(rows, label, "p50 latency ms (lower is better)", wharf, peers, byTarget, StepResult::p50);
            addRow(rows, label, "p99 latency ms (lower is better)", wharf, peers, byTarget, StepResult::p99);
            addRow(rows, label, "publish to ack p50 ms", wharf, peers, byTarget, StepResult::ackP50);
            addRow(rows, label, "publish to ack p99 ms", wharf, peers, byTarget, StepResult::ackP99);
            addRow(
                    rows,
                    label,
                    "broker CPU µs per message (lower is better)",
                    wharf,
                    peers,
                    byTarget,
                    StepResult::brokerCpuMicrosPerMessage);
            addRow(rows, label, "broker CPU % of a core", wharf, peers, byTarget, StepResult::brokerCorePercent);
            addRow(rows, label, "load generator CPU s", wharf, peers, byTarget, StepResult::clientCpuSeconds);
        }
        return rows;
    }

    /** A row of figures, left out when no target has the figure. */
    private static void addRow(
            List<List<String>> rows,
            String label,
            String metric,
            StepResult wharf,
            List<String> peers,
            Map<String, StepResult> byTarget,
            Function<StepResult, Spread> value) {
        if (byTarget.values().stream().allMatch(step -> value.apply(step) == null)) {
            return;
        }
        List<String> row = new ArrayList<>(List.of(label, metric, cell(wharf, value)));
        for (String peer : peers) {
            StepResult other = byTarget.get(peer);
            row.add(other == null ? "" : cell(other, value));
        }
        for (String peer : peers) {
            StepResult other = byTarget.get(peer);
            row.add(other == null ? "" : ratio(value.apply(wharf), value.apply(other)));
        }
        StringBuilder missing = new StringBuilder(missing(wharf));
        peers.forEach(
                peer -> missing.append(", ").append(byTarget.containsKey(peer) ? missing(byTarget.get(peer)) : "-"));
        row.add(missing.toString());
        rows.add(row);
    }

    /** What an acknowledged message survives, per target. */
    static List<List<String>> guarantees(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("target", "what a QoS 1 acknowledgement means"));
        report.guarantees().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> rows.add(List.of(entry.getKey(), entry.getValue())));
        return rows;
    }

    /** CPU with no traffic, one row per broker and number of idle clients. */
    static List<List<String>> idleCpu(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("broker", "idle connections", "CPU % of a core (median, min–max)", "readings"));
        for (IdleCpu.Reading reading : report.idleCpu()) {
            Spread spread = reading.spread();
            rows.add(List.of(
                    reading.broker(),
                    format("%,d", reading.connections()),
                    spread == null ? "n/a" : spread.format(),
                    format("%d x %d s", reading.percentOfCore().size(), reading.windowSeconds())));
        }
        return rows;
    }

    /** Memory per idle connection, one row per broker and count. */
    static List<List<String>> memory(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "broker",
                "connections asked",
                "held",
                "heap after GC before -> after (MiB)",
                "heap per connection (KiB)",
                "RSS before -> after (MiB)",
                "RSS per connection (KiB)"));
        for (IdleMemory.Reading reading : report.idleMemory()) {
            boolean jvm = reading.heapAfter() > 0;
            rows.add(List.of(
                    reading.broker(),
                    format("%,d", reading.asked()),
                    format("%,d", reading.connected()),
                    jvm
                            ? format("%.1f -> %.1f", reading.heapBefore() / 1048576.0, reading.heapAfter() / 1048576.0)
                            : "n/a (not a JVM)",
                    jvm ? format("%.2f", reading.heapPerConnection() / 1024) : "n/a",
                    format("%.1f -> %.1f", reading.rssBefore() / 1048576.0, reading.rssAfter() / 1048576.0),
                    format("%.2f", reading.rssPerConnection() / 1024)));
        }
        return rows;
    }

    /** The runs of the plan and their settings. */
    static List<List<String>> runs(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", "settings"));
        report.steps().stream()
                .map(step -> List.of(step.label(), step.description()))
                .distinct()
                .forEach(rows::add);
        return rows;
    }

    static List<String> peers(BenchReport report) {
        return report.targets().stream()
                .filter(target -> !target.equals(BenchPlan.WHARF))
                .toList();
    }

    static Map<String, Map<String, StepResult>> byStep(BenchReport report) {
        Map<String, Map<String, StepResult>> steps = new LinkedHashMap<>();
        for (StepResult step : report.steps()) {
            steps.computeIfAbsent(step.label(), key -> new LinkedHashMap<>()).put(step.target(), step);
        }
        return steps;
    }

    private static String cell(StepResult step, Function<StepResult, Spread> value) {
        Spread spread = value.apply(step);
        if (spread == null) {
            return step.rounds().stream().allMatch(round -> round.result() == null) ? "failed" : "n/a";
        }
        return spread.format();
    }

    private static String missing(StepResult step) {
        long missing = step.missing();
        return missing < 0 ? "failed" : format("%,d", missing);
    }

    private static String ratio(Spread wharf, Spread other) {
        if (wharf == null || other == null || other.median() == 0) {
            return "";
        }
        return format("%.2f", wharf.median() / other.median());
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String markdown(List<List<String>> rows) {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            md.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                md.append("|").append(" --- |".repeat(rows.get(0).size())).append("\n");
            }
        }
        return md.toString();
    }

    static String html(List<List<String>> rows) {
        StringBuilder html = new StringBuilder("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            html.append("<tr>");
            for (String value : rows.get(i)) {
                html.append('<')
                        .append(cell)
                        .append('>')
                        .append(Html.escape(value))
                        .append("</")
                        .append(cell)
                        .append('>');
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }
}
