package io.wharf.loadtest.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The targets of issue 10, each read from the medians of one run: Wharf's figure, what it is
 * compared with (the best peer, raw Kafka, or a fixed limit), and whether it met the target, by how
 * much.
 */
final class TargetChecks {

    private static final List<String> PEERS = List.of(BenchPlan.MOSQUITTO, BenchPlan.HIVEMQ);

    /**
     * @param reference what Wharf is compared with, e.g. "best peer mosquitto 62,313"
     * @param score Wharf's figure over the limit where higher is better, the limit over Wharf's
     *     where lower is better: 1 or more meets the target; null when not measured
     */
    record Check(String target, String wharf, String reference, String limit, String verdict, Double score) {

        List<String> row() {
            return List.of(target, wharf, reference, limit, verdict);
        }
    }

    private final Map<String, Map<String, StepResult>> steps;
    private final BenchReport report;

    private TargetChecks(BenchReport report) {
        this.report = report;
        this.steps = BenchTables.byStep(report);
    }

    static List<Check> of(BenchReport report) {
        return new TargetChecks(report).checks();
    }

    static List<List<String>> table(BenchReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("target", "wharf (median, min–max)", "compared with", "limit", "verdict"));
        of(report).forEach(check -> rows.add(check.row()));
        return rows;
    }

    private List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(againstBestPeer(
                "QoS 1 fan-out deliveries/s ≥ 1.0× the best peer",
                BenchPlan.FAN_OUT_STEP,
                StepResult::throughput,
                1.0,
                true));
        checks.add(againstBestPeer(
                "QoS 0 fan-out deliveries/s ≥ 1.0× the best peer",
                BenchPlan.FAN_OUT_QOS0_STEP,
                StepResult::throughput,
                1.0,
                true));
        checks.add(againstBestPeer(
                "QoS 1 ingest, publishes acknowledged/s ≥ 1.0× the best peer",
                BenchPlan.INGEST_STEP,
                StepResult::throughput,
                1.0,
                true));
        checks.add(against(
                "QoS 1 ingest ≥ 0.7× raw Kafka (same in-flight depth, record size, headers)",
                BenchPlan.INGEST_STEP,
                BenchPlan.RAW_KAFKA_STEP,
                BenchPlan.RAW_KAFKA,
                "raw Kafka",
                StepResult::throughput,
                0.7,
                true));
        checks.add(againstBestPeer(
                "p99 publish-to-deliver at 1,000 msg/s ≤ 2× the best peer",
                BenchPlan.LATENCY_STEP,
                StepResult::p99,
                2.0,
                false));
        checks.add(fixed(
                "median publish-to-deliver at 1,000 msg/s ≤ 5 ms", BenchPlan.LATENCY_STEP, StepResult::p50, 5, false));
        checks.add(fixed(
                "QoS 1 publish → PUBACK median ≤ 3 ms (5 devices, window 1)",
                BenchPlan.PUBACK_STEP,
                StepResult::ackP50,
                3,
                false));
        checks.add(fixed(
                "QoS 1 publish → PUBACK p99 ≤ 10 ms (5 devices, window 1)",
                BenchPlan.PUBACK_STEP,
                StepResult::ackP99,
                10,
                false));
        checks.add(againstBestPeer(
                "10 publishers × 20 in flight, acknowledged/s ≥ 0.5× the best peer",
                BenchPlan.FEW_PUBLISHERS_INGEST_STEP,
                StepResult::throughput,
                0.5,
                true));
        checks.add(against(
                "Wharf's CPU per message at 1,000 msg/s ≤ 1.0× HiveMQ CE's (µs)",
                BenchPlan.LATENCY_STEP,
                BenchPlan.LATENCY_STEP,
                BenchPlan.HIVEMQ,
                "hivemq-ce",
                StepResult::brokerCpuMicrosPerMessage,
                1.0,
                false));
        for (boolean withClients : List.of(false, true)) {
            Optional<IdleCpu.Reading> idle = report.idleCpu().stream()
                    .filter(reading -> reading.broker().equals(BenchPlan.WHARF))
                    .filter(reading -> (reading.connections() > 0) == withClients)
                    .findFirst();
            checks.add(check(
                    "idle CPU (no traffic"
                            + idle.filter(reading -> withClients)
                                    .map(reading -> ", " + reading.connections() + " idle connections")
                                    .orElse(withClients ? ", idle connections" : ", no connection")
                            + ") ≤ 2% of a core",
                    idle.map(IdleCpu.Reading::spread).orElse(null),
                    "",
                    2.0,
                    1.0,
                    false));
        }
        checks.add(persistentSessions());
        Spread heap = Spread.of(report.idleMemory().stream()
                .filter(reading -> reading.broker().equals(BenchPlan.WHARF))
                .map(reading -> reading.heapPerConnection() / 1024)
                .max(Comparator.naturalOrder())
                .stream()
                .toList());
        checks.add(check("heap per idle connection ≤ 2.5 KiB (largest reading)", heap, "", 2.5, 1.0, false));
        return checks;
    }

    /** Drained no slower than the best peer, and nothing missing. */
    private Check persistentSessions() {
        String target = "1,000 persistent sessions × 10 queued QoS 1 drained no slower than the best peer (s)";
        Check check = againstBestPeer(target, BenchPlan.PERSISTENT_STEP, StepResult::throughput, 1.0, false);
        StepResult wharf =
                steps.getOrDefault(BenchPlan.PERSISTENT_STEP, Map.of()).get(BenchPlan.WHARF);
        if (wharf != null && wharf.missing() > 0) {
            return new Check(
                    target,
                    check.wharf(),
                    check.reference(),
                    check.limit(),
                    BenchTables.format(
                            "MISSED: %,d queued messages never arrived (most in one round)", wharf.missing()),
                    0.0);
        }
        return check;
    }

    private Check againstBestPeer(
            String target, String step, Function<StepResult, Spread> value, double factor, boolean higherIsBetter) {
        String best = null;
        Spread bestFigure = null;
        for (String peer : PEERS) {
            Spread figure = figure(step, peer, value);
            if (figure != null
                    && (bestFigure == null
                            || (higherIsBetter
                                    ? figure.median() > bestFigure.median()
                                    : figure.median() < bestFigure.median()))) {
                best = peer;
                bestFigure = figure;
            }
        }
        return check(
                target,
                figure(step, BenchPlan.WHARF, value),
                best == null ? "no peer measured" : "best peer " + best + " " + bestFigure.format(),
                bestFigure == null ? null : bestFigure.median(),
                factor,
                higherIsBetter);
    }

    /** Wharf's figure of {@code step} against one named reference's figure of {@code referenceStep}. */
    private Check against(
            String target,
            String step,
            String referenceStep,
            String reference,
            String referenceName,
            Function<StepResult, Spread> value,
            double factor,
            boolean higherIsBetter) {
        Spread figure = figure(referenceStep, reference, value);
        return check(
                target,
                figure(step, BenchPlan.WHARF, value),
                referenceName + " " + format(figure),
                figure == null ? null : figure.median(),
                factor,
                higherIsBetter);
    }

    private Check fixed(
            String target, String step, Function<StepResult, Spread> value, double limit, boolean higherIsBetter) {
        return check(target, figure(step, BenchPlan.WHARF, value), "", limit, 1.0, higherIsBetter);
    }

    /** The verdict: met or missed, and by how much (in percent of the limit, and as a factor). */
    static Check check(
            String target, Spread measured, String reference, Double base, double factor, boolean higherIsBetter) {
        if (measured == null || base == null || base == 0) {
            return new Check(target, format(measured), reference, "", "not measured in this run", null);
        }
        double limit = base * factor;
        double value = measured.median();
        double score = higherIsBetter ? value / limit : (value == 0 ? Double.POSITIVE_INFINITY : limit / value);
        boolean met = score >= 1;
        String verdict;
        if (met) {
            verdict = BenchTables.format(
                    "met (%.0f%% %s the limit)",
                    Math.abs(value - limit) / limit * 100, higherIsBetter ? "above" : "below");
        } else {
            verdict = BenchTables.format(
                    "MISSED by %.0f%% (%s, %.2f× off)",
                    Math.abs(value - limit) / limit * 100,
                    higherIsBetter ? "below the limit" : "above the limit",
                    1 / score);
        }
        return new Check(target, measured.format(), reference, Spread.number(limit), verdict, score);
    }

    private Spread figure(String step, String target, Function<StepResult, Spread> value) {
        StepResult result = steps.getOrDefault(step, Map.of()).get(target);
        return result == null ? null : value.apply(result);
    }

    private static String format(Spread spread) {
        return spread == null ? "n/a" : spread.format();
    }
}
