package io.wharf.loadtest.bench;

import io.wharf.loadtest.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables a benchmark run is read through: the figures of every step per broker with Wharf's
 * ratio to each peer, the targets of issue 6 met or missed, and memory per idle connection.
 */
final class BenchTables {

    private static final String RAW_KAFKA = "kafka";

    private BenchTables() {}

    /** Rows of the ratio table; the first row is the header. */
    static List<List<String>> ratios(BenchReport report) {
        List<String> peers = report.targets().stream()
                .filter(target -> !target.equals(BenchPlan.WHARF))
                .toList();
        List<String> header = new ArrayList<>(List.of("run", "metric", "wharf"));
        header.addAll(peers);
        peers.forEach(peer -> header.add("wharf / " + peer));
        header.add("missing (wharf" + peers.stream().map(peer -> ", " + peer).reduce("", String::concat) + ")");
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (Map.Entry<String, Map<String, StepResult>> step : byStep(report).entrySet()) {
            Map<String, StepResult> byTarget = step.getValue();
            StepResult wharf = byTarget.getOrDefault(BenchPlan.WHARF, byTarget.get(RAW_KAFKA));
            if (wharf == null) {
                continue;
            }
            rows.add(row(step.getKey(), wharf.throughputUnit(), wharf, peers, byTarget, StepResult::throughput));
            rows.add(row(step.getKey(), "p99 latency ms (lower is better)", wharf, peers, byTarget, StepResult::p99));
            rows.add(row(
                    step.getKey(),
                    "broker CPU s (load generator CPU s)",
                    wharf,
                    peers,
                    byTarget,
                    StepResult::brokerCpuSeconds,
                    StepResult::clientCpuSeconds));
        }
        return rows;
    }

    private static List<String> row(
            String label,
            String metric,
            StepResult wharf,
            List<String> peers,
            Map<String, StepResult> byTarget,
            Function<StepResult, Double> value) {
        return row(label, metric, wharf, peers, byTarget, value, null);
    }

    /** A row of figures; with {@code aside}, each cell also shows that second figure in brackets. */
    private static List<String> row(
            String label,
            String metric,
            StepResult wharf,
            List<String> peers,
            Map<String, StepResult> byTarget,
            Function<StepResult, Double> value,
            Function<StepResult, Double> aside) {
        List<String> row =
                new ArrayList<>(List.of(label, metric, figure(value.apply(wharf), wharf) + aside(aside, wharf)));
        for (String peer : peers) {
            StepResult other = byTarget.get(peer);
            row.add(other == null ? "" : figure(value.apply(other), other) + aside(aside, other));
        }
        for (String peer : peers) {
            StepResult other = byTarget.get(peer);
            row.add(other == null ? "" : ratio(value.apply(wharf), value.apply(other)));
        }
        StringBuilder missing = new StringBuilder(missing(wharf));
        peers.forEach(
                peer -> missing.append(", ").append(byTarget.containsKey(peer) ? missing(byTarget.get(peer)) : "-"));
        row.add(missing.toString());
        return row;
    }

    /** Target checks: one row each, with the figures it compares and by how much it is met or missed. */
    static List<List<String>> targets(BenchReport report) {
        Map<String, Map<String, StepResult>> steps = byStep(report);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("target", "measured", "verdict"));
        Optional<Double> wharfFanOut = figure(steps, BenchPlan.FAN_OUT_STEP, BenchPlan.WHARF, StepResult::throughput);
        Optional<Double> mosquittoFanOut =
                figure(steps, BenchPlan.FAN_OUT_STEP, BenchPlan.MOSQUITTO, StepResult::throughput);
        rows.add(check("QoS 1 fan-out deliveries/s >= Mosquitto's", wharfFanOut, mosquittoFanOut, 1.0, true));
        Optional<Double> ingest = figure(steps, BenchPlan.INGEST_STEP, BenchPlan.WHARF, StepResult::throughput);
        Optional<Double> raw = figure(steps, BenchPlan.RAW_KAFKA_STEP, RAW_KAFKA, StepResult::throughput);
        rows.add(check("QoS 1 ingest >= 70% of raw Kafka producer (acks=all)", ingest, raw, 0.7, true));
        Optional<Double> wharfP99 = figure(steps, BenchPlan.LATENCY_STEP, BenchPlan.WHARF, StepResult::p99);
        Optional<Double> mosquittoP99 = figure(steps, BenchPlan.LATENCY_STEP, BenchPlan.MOSQUITTO, StepResult::p99);
        rows.add(check("p99 at 1,000 msg/s <= 2x Mosquitto's", wharfP99, mosquittoP99, 2.0, false));
        Optional<Double> heap = report.idleMemory().stream()
                .filter(reading -> reading.broker().equals(BenchPlan.WHARF))
                .map(reading -> reading.heapPerConnection() / 1024)
                .max(Double::compare);
        rows.add(check("heap per idle connection <= 10 KiB (largest reading)", heap, Optional.of(10.0), 1.0, false));
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

    /**
     * @param atLeast true: measured must be at least factor x reference; false: at most
     */
    private static List<String> check(
            String target, Optional<Double> measured, Optional<Double> reference, double factor, boolean atLeast) {
        if (measured.isEmpty() || reference.isEmpty() || reference.get() == 0) {
            return List.of(target, "not measured in this run", "-");
        }
        double limit = reference.get() * factor;
        double value = measured.get();
        boolean met = atLeast ? value >= limit : value <= limit;
        double by = Math.abs(value - limit) / limit * 100;
        String verdict =
                (met ? "met" : "MISSED") + format(" (%s the limit by %.0f%%)", met == atLeast ? "above" : "below", by);
        return List.of(target, format("%s vs limit %s", number(value), number(limit)), verdict);
    }

    private static Optional<Double> figure(
            Map<String, Map<String, StepResult>> steps,
            String step,
            String target,
            Function<StepResult, Double> value) {
        StepResult result = steps.getOrDefault(step, Map.of()).get(target);
        return result == null ? Optional.empty() : Optional.ofNullable(value.apply(result));
    }

    private static Map<String, Map<String, StepResult>> byStep(BenchReport report) {
        Map<String, Map<String, StepResult>> steps = new LinkedHashMap<>();
        for (StepResult step : report.steps()) {
            steps.computeIfAbsent(step.label(), key -> new LinkedHashMap<>()).put(step.target(), step);
        }
        return steps;
    }

    private static String figure(Double value, StepResult step) {
        if (step.failure() != null) {
            return "failed";
        }
        return value == null ? "n/a" : number(value);
    }

    private static String aside(Function<StepResult, Double> aside, StepResult step) {
        return aside == null ? "" : " (" + number(aside.apply(step)) + ")";
    }

    private static String missing(StepResult step) {
        if (step.result() == null) {
            return "failed";
        }
        return format("%,d", step.result().missing());
    }

    private static String ratio(Double wharf, Double other) {
        if (wharf == null || other == null || other == 0) {
            return "";
        }
        return format("%.2f", wharf / other);
    }

    static String number(double value) {
        return value >= 100 ? format("%,.0f", value) : format("%.2f", value);
    }

    private static String format(String pattern, Object... args) {
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
