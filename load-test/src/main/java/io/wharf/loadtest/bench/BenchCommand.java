package io.wharf.loadtest.bench;

import io.wharf.loadtest.report.Html;
import io.wharf.loadtest.report.HtmlReport;
import io.wharf.loadtest.report.ReportFiles;
import io.wharf.loadtest.scenario.LoadOptions;
import io.wharf.loadtest.scenario.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The side-by-side benchmark: the same scenarios against Wharf (embedded Kafka), Mosquitto and
 * HiveMQ CE, plus raw Kafka on Wharf's broker, each step after a discarded warm-up in rounds, with
 * the targets' verdicts and a table of ratios. Usually started by {@code load-test/bench}, which
 * builds what it needs first.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks Wharf against Mosquitto, HiveMQ CE and raw Kafka.")
public final class BenchCommand implements Callable<Integer> {

    /** Seconds the idle-memory readings of one broker take, for the estimate. */
    static final double IDLE_MEMORY_SECONDS = 75;
    /** Seconds to start and stop one broker, for the estimate. */
    static final double BROKER_START_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--targets", split = ",", description = "Brokers, in order (default: ${DEFAULT-VALUE}).")
    List<String> targets = List.of(BenchPlan.WHARF, BenchPlan.MOSQUITTO, BenchPlan.HIVEMQ);

    @Option(names = "--steps", split = ",", description = "Only these runs of the plan, by label (default: all).")
    List<String> onlySteps = List.of();

    @Option(names = "--quick", description = "Smoke scale: 10 connections, 1 s per run, one round, no warm-up.")
    boolean quick;

    @Option(
            names = "--rounds",
            description = "Measured rounds of every step; the tables show their median and spread (default: "
                    + BenchPlan.ROUNDS + ", --quick: 1).")
    Integer rounds;

    @Option(
            names = "--warm-up",
            negatable = true,
            description = "Run every step once, discarded, before its rounds (default: on, --quick: off).")
    Boolean warmUp;

    @Option(
            names = "--idle-connections",
            split = ",",
            description = "Connection counts for the idle-memory readings; 0 skips them (default: ${DEFAULT-VALUE}).")
    List<Integer> idleConnections = List.of(10_000, 19_000);

    @Option(
            names = "--out",
            description = "Directory for bench.json, bench.html and broker logs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("load-test/target/bench");

    @Option(names = "--wharf-jar", description = "(default: ${DEFAULT-VALUE})")
    Path wharfJar = Path.of("launcher/target/wharf.jar");

    @Option(
            names = "--hivemq-runner",
            description = "Directory with hivemq-runner.jar and lib/ (default: ${DEFAULT-VALUE}).")
    Path hivemqRunner = Path.of("load-test/hivemq-runner/target");

    @Option(
            names = "--broker-jvm-options",
            split = " ",
            description = "JVM options of Wharf and HiveMQ alike (default: ${DEFAULT-VALUE}).")
    List<String> jvmOptions = List.of("-Xmx4g");

    @Option(names = "--update", description = "Markdown file whose results section to replace, e.g. BENCHMARKS.md.")
    Path markdown;

    @Option(names = "--threads", description = "Load client event-loop threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        BenchPlan.Plan plan = quick ? BenchPlan.quick() : BenchPlan.full();
        plan = plan.withSteps(plan.steps().stream()
                        .filter(step -> onlySteps.isEmpty() || onlySteps.contains(step.label()))
                        .toList())
                .withRounds(rounds != null ? rounds : plan.rounds(), warmUp != null ? warmUp : plan.warmUp());
        if (plan.rounds() < 1) {
            System.err.println("error: --rounds must be at least 1");
            return 2;
        }
        LoadOptions base = new LoadOptions();
        base.threads = threads;
        List<Integer> idle = idleConnections.stream().filter(count -> count > 0).toList();
        System.err.printf(
                Locale.ROOT,
                "Plan: %s; about %.0f minutes on 2 cores (estimated from the steps' durations)%n",
                BenchMarkdown.rounds(plan.rounds(), plan.warmUp()),
                plan.estimatedSeconds(targets, idle.isEmpty() ? 0 : IDLE_MEMORY_SECONDS, BROKER_START_SECONDS) / 60);
        BenchRunner runner = new BenchRunner(new BenchRunner.Settings(
                targets, plan, base, out.toAbsolutePath(), wharfJar, hivemqRunner, jvmOptions, idle));
        BenchReport report = runner.run(commandLine());
        Map<String, List<ScenarioResult>> sections = new LinkedHashMap<>();
        for (StepResult step : report.steps()) {
            ScenarioResult median = step.medianRound();
            if (median != null) {
                sections.computeIfAbsent(
                                step.label() + " (" + median.scenario() + ", median round)", key -> new ArrayList<>())
                        .add(median);
            }
        }
        String chart = BenchMarkdown.chart(report);
        String preamble = "<p>" + Html.escape(report.machine()) + "<br>" + Html.escape(report.load()) + "<br>"
                + Html.escape(report.date()) + "<br>" + Html.escape(BenchMarkdown.rounds(report))
                + "<br><code>" + Html.escape(report.command()) + "</code></p>\n"
                + chart
                + "<h2>Targets</h2>\n" + BenchTables.html(TargetChecks.table(report))
                + "<h2>What each target guarantees</h2>\n" + BenchTables.html(BenchTables.guarantees(report))
                + "<h2>Ratios (median of the rounds, lowest and highest in brackets)</h2>\n"
                + BenchTables.html(BenchTables.ratios(report))
                + "<h2>CPU with no traffic</h2>\n" + BenchTables.html(BenchTables.idleCpu(report))
                + "<h2>Memory per idle connection</h2>\n" + BenchTables.html(BenchTables.memory(report));
        Path html = ReportFiles.write(out, "bench", report, HtmlReport.render("Wharf benchmark", preamble, sections));
        writeChart(out.resolve(BenchMarkdown.CHART), chart);
        System.out.println(BenchTables.markdown(TargetChecks.table(report)));
        System.out.println(BenchTables.markdown(BenchTables.guarantees(report)));
        System.out.println(BenchTables.markdown(BenchTables.ratios(report)));
        System.out.println(BenchTables.markdown(BenchTables.idleCpu(report)));
        System.out.println(BenchTables.markdown(BenchTables.memory(report)));
        System.out.println("Report: " + html.toAbsolutePath());
        if (markdown != null) {
            BenchMarkdown.update(markdown, report);
            System.out.println("Updated " + markdown);
        }
        boolean everyStepRan = report.steps().stream().allMatch(step -> step.failure() == null)
                && report.problems().isEmpty();
        return everyStepRan ? 0 : 1;
    }

    private static void writeChart(Path file, String svg) {
        try {
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private String commandLine() {
        return "load-test/bench "
                + String.join(
                        " ",
                        spec.commandLine()
                                .getParseResult()
                                .originalArgs()
                                .subList(
                                        1,
                                        spec.commandLine()
                                                .getParseResult()
                                                .originalArgs()
                                                .size()));
    }
}
