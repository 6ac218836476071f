package io.wharf.launcher.replay;

import io.wharf.launcher.EdgeClusterOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wharf replay}: the command line of a replay. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Re-publishes the MQTT messages of a time range to an MQTT broker, or copies their Kafka records to a Kafka topic.",
            "",
            "Reads Wharf's message topic (<topic-prefix>messages, and the topics --config maps the filter to) from --from to --until (or to its end as it was when the"
                    + " replay started), keeps the messages whose MQTT topic matches --filter, and sends them, each MQTT topic"
                    + " in its original order, as fast as the target takes them, or with their original gaps (--pace)."
                    + " Each message keeps its QoS, retain flag and MQTT 5 properties. Progress shows on standard error;"
                    + " the summary line goes to standard output.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  wharf replay --from 2026-01-31T08:00:00Z --until 2026-01-31T09:00:00Z \\",
            "      --filter 'sensors/#' --to mqtt://localhost:1883",
            "  wharf replay --from 2026-01-31T08:00:00+01:00 --filter 'devices/42/#' \\",
            "      --to kafka:device-42-history --kafka kafka1:9092 --pace",
            "",
            "Exit codes: 0 done; 1 Kafka or the target failed, or refused messages; 2 wrong options."
        })
public final class ReplayCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final Map<String, String> environment;
    private final boolean terminal;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "<instant>",
            description = "start of the range, an ISO-8601 instant such as 2026-01-31T08:00:00Z (required)")
    private String from;

    @Option(
            names = "--until",
            paramLabel = "<instant>",
            description = "end of the range, exclusive (default: the end of the topic when the replay starts)")
    private String until;

    @Option(
            names = "--filter",
            paramLabel = "<filter>",
            description =
                    "MQTT topic filter of the messages to replay, such as 'sensors/+/temperature' or '#' (required)")
    private String filter;

    @Option(
            names = "--to",
            paramLabel = "<target>",
            description =
                    "mqtt://host:port to re-publish to an MQTT broker, or kafka:<topic> to copy the records to an existing Kafka topic (required)")
    private String to;

    @Mixin
    private EdgeClusterOptions cluster;

    @Option(
            names = "--pace",
            description =
                    "keep the original time between messages, taken from the records' timestamps (default: as fast as possible)")
    private boolean pace;

    @Option(
            names = "--qos",
            paramLabel = "<0|1|2>",
            description =
                    "publish no message with a higher QoS than this (MQTT targets only; default: each message's own)")
    private String qos;

    @Option(
            names = "--connect-timeout",
            paramLabel = "<seconds>",
            defaultValue = "15",
            description = "how long to wait for Kafka and the MQTT broker to answer (default: ${DEFAULT-VALUE})")
    private String connectTimeout;

    /**
     * @param environment where {@code WHARF_KAFKA} and {@code WHARF_TOPIC_PREFIX} are looked up
     * @param terminal whether standard error is a terminal, so that progress is drawn as a bar
     */
    public ReplayCommand(Map<String, String> environment, boolean terminal) {
        this.environment = environment;
        this.terminal = terminal;
    }

    /** A replay command that draws a progress bar when the process runs in a terminal. */
    public ReplayCommand(Map<String, String> environment) {
        this(environment, System.console() != null);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        ReplayRequest request = null;
        try {
            request = ReplayRequest.of(options(), problems);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage()); // the config file
        }
        if (request == null) {
            problems.forEach(problem -> err.println("wharf replay: " + problem));
            err.println("Run 'wharf replay --help' to see every option.");
            err.flush();
            return EXIT_USAGE;
        }
        return run(request, out, err);
    }

    private int run(ReplayRequest request, PrintWriter out, PrintWriter err) {
        Replay replay = new Replay(request);
        long startNanos = System.nanoTime();
        AtomicBoolean over = new AtomicBoolean();
        // On Ctrl-C, still say how far the replay got.
        Thread summaryOnStop = new Thread(
                () -> {
                    if (!over.get()) {
                        if (terminal) {
                            err.println(); // end the progress bar's line
                            err.flush();
                        }
                        out.println(ProgressReport.summary(
                                replay.counters().snapshot(), Duration.ofNanos(System.nanoTime() - startNanos), false));
                        out.flush();
                    }
                },
                "wharf-replay-stopped");
        Runtime.getRuntime().addShutdownHook(summaryOnStop);
        boolean completed = false;
        try {
            replay.run(err, terminal);
            completed = true;
        } catch (ReplayFailedException e) {
            err.println("wharf replay: " + e.getMessage());
            err.flush();
        } catch (KafkaException e) {
            err.println("wharf replay: Kafka failed: " + e.getMessage());
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            over.set(true);
            removeHook(summaryOnStop);
        }
        ReplayCounters.Snapshot counters = replay.counters().snapshot();
        if (completed || counters.read() > 0) {
            out.println(ProgressReport.summary(counters, Duration.ofNanos(System.nanoTime() - startNanos), completed));
            out.flush();
        }
        if (replay.counters().firstFailure() != null) {
            err.println("wharf replay: " + counters.failed() + " messages were not sent; the first: "
                    + replay.counters().firstFailure());
            err.flush();
        }
        return completed && counters.failed() == 0 ? EXIT_OK : EXIT_FAILED;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is stopping already; the hook has run.
        }
    }

    /** The options, with the edges' config file (when given) under the flags and the environment. */
    private ReplayRequest.Options options() {
        EdgeClusterOptions.Cluster edges = cluster.resolve(environment);
        return new ReplayRequest.Options(
                from,
                until,
                filter,
                to,
                edges.kafka(),
                edges.topicPrefix(),
                edges.mapping(),
                pace,
                qos,
                connectTimeout,
                edges.kafkaProperties());
    }
}
