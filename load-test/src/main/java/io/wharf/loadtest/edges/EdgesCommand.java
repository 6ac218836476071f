package io.wharf.loadtest.edges;

import io.wharf.loadtest.bench.InterruptibleRun;
import io.wharf.loadtest.report.ReportFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wharf-load edges}: what each edge adds. For each edge count a fresh cluster (one Kafka
 * process, E edge processes) takes the same offered load twice, fan-in from many devices and
 * fan-out to many subscribers, from load clients in this JVM; the report gives throughput,
 * latency, CPU per message per edge and for Kafka, and the partitions each edge had to follow.
 */
@Command(
        name = "edges",
        mixinStandardHelpOptions = true,
        description = "Starts one Kafka and 1, 2, 3 edges (a fresh cluster per count) and offers each the same fan-in"
                + " and fan-out load; reports throughput, latency, CPU per message per edge and for Kafka, and the"
                + " partitions each edge follows. Exit code 1 when a message is missing or a process failed.")
public final class EdgesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--edge-counts",
            split = ",",
            defaultValue = "1,2,3",
            description = "edge counts to measure, a fresh cluster each (default ${DEFAULT-VALUE})")
    List<Integer> edgeCounts;

    @Option(names = "--devices", defaultValue = "2000", description = "fan-in devices (default ${DEFAULT-VALUE})")
    int devices;

    @Option(
            names = "--rate",
            defaultValue = "1",
            description = "messages per second per device; fan-out publishers share the same total"
                    + " (default ${DEFAULT-VALUE})")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "30",
            description = "measured seconds of publishing per step (default ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(
            names = "--warm-up",
            defaultValue = "5",
            description = "seconds of the same load before each step's measurement, not counted"
                    + " (default ${DEFAULT-VALUE})")
    int warmUpSeconds;

    @Option(
            names = "--wildcard-subscribers",
            defaultValue = "0",
            description = "fan-in subscribers to <run>/t/+/data; 0: one per edge (default ${DEFAULT-VALUE})")
    int wildcardSubscribers;

    @Option(names = "--publishers", defaultValue = "10", description = "fan-out publishers (default ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--topics", defaultValue = "100", description = "fan-out topics (default ${DEFAULT-VALUE})")
    int topics;

    @Option(
            names = "--subscribers",
            defaultValue = "2000",
            description = "fan-out subscribers, subscriber j to topic j mod topics (default ${DEFAULT-VALUE})")
    int subscribers;

    @Option(names = "--payload", defaultValue = "100", description = "payload bytes (default ${DEFAULT-VALUE})")
    int payloadSize;

    @Option(
            names = "--window",
            defaultValue = "64",
            description = "QoS 1 messages each client keeps unacknowledged; a fan-out publisher sends D x rate / P"
                    + " msg/s through it (default ${DEFAULT-VALUE})")
    int window;

    @Option(
            names = "--edge-flags",
            split = " ",
            defaultValue = "--router false",
            description = "flags every edge gets besides its ports and node id (default ${DEFAULT-VALUE}: the"
                    + " edges' CPU is the edge's alone; the Kafka process runs the router)")
    List<String> edgeFlags;

    @Option(
            names = "--edge-jvm-options",
            split = " ",
            defaultValue = "-Xmx1g",
            description = "JVM options of the Kafka and edge processes (default ${DEFAULT-VALUE})")
    List<String> edgeJvmOptions;

    @Option(names = "--wharf-jar", defaultValue = "launcher/target/wharf.jar", description = "wharf.jar to start")
    Path wharfJar;

    @Option(
            names = "--out",
            defaultValue = "load-test/target/edges",
            description = "where the report, the logs and the processes' data go")
    Path out;

    @Option(
            names = "--max-pending-connects",
            defaultValue = "200",
            description = "handshakes in flight at once towards each edge (default ${DEFAULT-VALUE})")
    int maxPendingConnects;

    @Option(
            names = "--connect-timeout",
            defaultValue = "120",
            description = "seconds one list of clients may take to connect or subscribe (default ${DEFAULT-VALUE})")
    long connectTimeoutSeconds;

    @Option(
            names = "--drain-timeout",
            defaultValue = "30",
            description = "seconds to wait for the last deliveries after publishing stops (default ${DEFAULT-VALUE})")
    long drainTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>(
                EdgesPlan.problems(devices, rate, wildcardSubscribers, publishers, topics, subscribers));
        if (edgeCounts.isEmpty() || edgeCounts.stream().anyMatch(count -> count < 1)) {
            problems.add("--edge-counts must list edge counts of at least 1");
        }
        if (durationSeconds < 1 || warmUpSeconds < 0 || payloadSize < 8 || window < 1) {
            problems.add(
                    "--duration and --window must be at least 1, --warm-up not negative, --payload at least 8 bytes");
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("edges: " + problem));
            return 2;
        }
        Path workDir = out.toAbsolutePath();
        Files.createDirectories(workDir);
        StepLoad.Settings settings = new StepLoad.Settings(
                warmUpSeconds,
                durationSeconds,
                payloadSize,
                maxPendingConnects,
                Duration.ofSeconds(connectTimeoutSeconds),
                Duration.ofSeconds(drainTimeoutSeconds));
        EdgesRun run = new EdgesRun(
                edgeCounts,
                edges -> EdgesPlan.of(devices, rate, wildcardSubscribers, publishers, topics, subscribers, edges),
                settings,
                wharfJar.toAbsolutePath(),
                workDir,
                edgeJvmOptions,
                edgeFlags,
                window);
        EdgesResult result = InterruptibleRun.execute(
                run, "edges-stop", () -> run.execute(Instant.now().toString(), commandLine()));
        writeReport(result, workDir);
        return result.complete() ? 0 : 1;
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // Started through wharf-load, the arguments begin with this subcommand's name.
        if (!args.isEmpty() && args.get(0).equals(spec.name())) {
            args = args.subList(1, args.size());
        }
        List<String> words = new ArrayList<>(List.of("wharf-load", spec.name()));
        words.addAll(args);
        return String.join(" ", words);
    }

    private static void writeReport(EdgesResult result, Path workDir) throws Exception {
        String markdown = EdgesMarkdown.render(result);
        ReportFiles.JSON.writeValue(workDir.resolve("edges.json").toFile(), result);
        Files.writeString(workDir.resolve("edges.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("edges.svg"), EdgesChart.render(result), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println(
                result.complete()
                        ? "edges: every message arrived and every process held"
                        : "edges: " + result.missing() + " messages missing; failures: " + result.failures());
        System.out.println("edges: report in " + workDir.resolve("edges.json") + ", .md and .svg");
    }
}
