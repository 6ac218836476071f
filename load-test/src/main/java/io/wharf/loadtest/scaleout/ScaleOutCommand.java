package io.wharf.loadtest.scaleout;

import io.wharf.loadtest.bench.InterruptibleRun;
import io.wharf.loadtest.report.ReportFiles;
import io.wharf.loadtest.report.SvgChart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wharf-load scale-out}: one Kafka, E edges and G load-generator processes, all started
 * here; N connections spread round-robin over the edges, each subscribed (QoS 1) to a topic of its
 * own, then one record per topic written to Kafka, and every connection must get its message.
 */
@Command(
        name = "scale-out",
        mixinStandardHelpOptions = true,
        description = "Starts one Kafka and several edges (wharf.jar processes) and load-generator processes,"
                + " connects N MQTT clients over the edges, delivers one QoS 1 message to each from Kafka, and"
                + " reports per edge. Exit code 1 when a message is missing.")
public final class ScaleOutCommand implements Callable<Integer> {

    @Option(
            names = {"-n", "--connections"},
            defaultValue = "100000",
            description = "MQTT connections in all (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--edges", defaultValue = "6", description = "edge processes (default ${DEFAULT-VALUE})")
    int edges;

    @Option(
            names = "--generators",
            defaultValue = "0",
            description = "load-generator processes; 0: as few as keep each below "
                    + ScaleOutPlan.MAX_CONNECTIONS_PER_GENERATOR + " sockets, and at least 2")
    int generators;

    @Option(names = "--wharf-jar", defaultValue = "launcher/target/wharf.jar", description = "wharf.jar to start")
    Path wharfJar;

    @Option(
            names = "--out",
            defaultValue = "load-test/target/scale-out",
            description = "where the report, the logs and the processes' data go")
    Path out;

    @Option(
            names = "--max-pending-connects",
            defaultValue = "1000",
            description = "handshakes in flight at once per generator (default ${DEFAULT-VALUE})")
    int maxPendingConnects;

    @Option(
            names = "--edge-jvm-options",
            split = " ",
            defaultValue = "-Xmx1g",
            description = "JVM options of the Kafka and edge processes (default ${DEFAULT-VALUE})")
    List<String> edgeJvmOptions;

    @Option(
            names = "--generator-jvm-options",
            split = " ",
            defaultValue = "-Xmx1g",
            description = "JVM options of each load generator (default ${DEFAULT-VALUE})")
    List<String> generatorJvmOptions;

    @Option(
            names = "--connect-timeout",
            defaultValue = "600",
            description = "seconds all may take to connect and subscribe (default ${DEFAULT-VALUE})")
    long connectTimeoutSeconds;

    @Option(
            names = "--delivery-timeout",
            defaultValue = "120",
            description =
                    "seconds the messages may take to arrive after the last was written (default ${DEFAULT-VALUE})")
    long deliveryTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        int generatorCount = generators > 0 ? generators : Math.max(2, ScaleOutPlan.generatorsNeeded(connections));
        ScaleOutPlan plan = new ScaleOutPlan(connections, edges, Math.min(generatorCount, connections));
        Path workDir = out.toAbsolutePath();
        Files.createDirectories(workDir);
        ScaleOutRun run = new ScaleOutRun(
                plan,
                wharfJar.toAbsolutePath(),
                workDir,
                edgeJvmOptions,
                generatorJvmOptions,
                maxPendingConnects,
                connectTimeoutSeconds,
                deliveryTimeoutSeconds);
        ScaleOutResult result = InterruptibleRun.execute(
                run, "scale-out-stop", () -> run.execute(Instant.now().toString()));
        writeReport(result, workDir);
        return result.complete() ? 0 : 1;
    }

    private static void writeReport(ScaleOutResult result, Path workDir) throws Exception {
        String markdown = ScaleOutMarkdown.render(result);
        ReportFiles.JSON.writeValue(workDir.resolve("scale-out.json").toFile(), result);
        Files.writeString(workDir.resolve("scale-out.md"), markdown, StandardCharsets.UTF_8);
        Files.writeString(workDir.resolve("scale-out.svg"), chart(result.timeline()), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println(
                result.complete()
                        ? "scale-out: every connection got its message"
                        : "scale-out: " + result.missing() + " of " + result.expected() + " messages missing, "
                                + result.connectFailures() + " connections failed");
        System.out.println("scale-out: report in " + workDir.resolve("scale-out.json") + ", .md and .svg");
    }

    static String chart(Map<String, List<double[]>> timeline) {
        SvgChart chart = SvgChart.linear("Connections held per edge", "seconds", "connections");
        timeline.forEach(chart::add);
        return chart.render();
    }
}
