package io.wharf.loadtest.edges;

import io.wharf.loadtest.bench.Machine;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.scaleout.ScaleOutCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The steps of one {@code edges} run: for each edge count a fresh cluster (one Kafka process, E
 * edges), fan-in then fan-out on it, then the cluster stopped. {@link #close()} stops whatever is
 * running, also from another thread (Ctrl-C).
 */
final class EdgesRun implements AutoCloseable {

    /** The message topic under the default {@code --topic-prefix mqtt.}. */
    static final String MESSAGE_TOPIC = "mqtt.messages";

    private final List<Integer> edgeCounts;
    private final IntFunction<EdgesPlan> plans;
    private final StepLoad.Settings settings;
    private final Path wharfJar;
    private final Path workDir;
    private final List<String> jvmOptions;
    private final List<String> edgeFlags;
    private final Duration idle;
    private final LoadClients clients;
    private ScaleOutCluster cluster;
    private boolean closed;

    /**
     * @param plans the plan for an edge count
     * @param window the most QoS 1 messages each client keeps unacknowledged
     * @param idle how long to read each cluster's CPU with no client, after its steps (zero: not at all)
     */
    EdgesRun(
            List<Integer> edgeCounts,
            IntFunction<EdgesPlan> plans,
            StepLoad.Settings settings,
            Path wharfJar,
            Path workDir,
            List<String> jvmOptions,
            List<String> edgeFlags,
            int window,
            Duration idle) {
        this.idle = idle;
        this.clients = new LoadClients(Runtime.getRuntime().availableProcessors(), window);
        this.edgeCounts = edgeCounts;
        this.plans = plans;
        this.settings = settings;
        this.wharfJar = wharfJar;
        this.workDir = workDir;
        this.jvmOptions = jvmOptions;
        this.edgeFlags = edgeFlags;
    }

    EdgesResult execute(String startedAt, String commandLine) {
        String run = "edges-" + Long.toString(System.currentTimeMillis(), 36);
        List<StepFigures> steps = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int partitions = 0;
        for (int edges : edgeCounts) {
            ScaleOutCluster started;
            synchronized (this) {
                if (closed) {
                    failures.add("stopped before the run " + StepLoad.onEdges(edges));
                    break;
                }
                cluster = new ScaleOutCluster();
                started = cluster;
            }
            try {
                StepLoad.say(StepLoad.onEdges(edges) + ": starting a fresh cluster...");
                started.start(wharfJar, workDir.resolve(edges + "-edges"), edges, jvmOptions, edgeFlags);
                partitions = Math.max(partitions, measureOn(started, edges, run, steps, failures));
            } catch (RuntimeException e) {
                failures.add(StepLoad.onEdges(edges) + ": " + e.getMessage());
                StepLoad.say(StepLoad.onEdges(edges) + ": " + e);
            } finally {
                StepLoad.say(StepLoad.onEdges(edges) + ": stopping the cluster...");
                started.close();
            }
        }
        return new EdgesResult(startedAt, Machine.describe(), commandLine, edgeFlags, partitions, steps, failures);
    }

    /**
     * Both steps on a started cluster, then its idle CPU; adds their figures to {@code steps} and
     * what went wrong to {@code failures}. Returns the message topic's partition count.
     */
    private int measureOn(
            ScaleOutCluster started, int edges, String run, List<StepFigures> steps, List<String> failures) {
        try (MessageTopicOffsets offsets = new MessageTopicOffsets(started.kafkaBootstrap(), MESSAGE_TOPIC)) {
            StepLoad step = new StepLoad(
                    plans.apply(edges), settings, clients, started, new MetricsPage(), offsets, MESSAGE_TOPIC);
            List<StepFigures> measured = new ArrayList<>();
            for (StepLoad.Kind kind : StepLoad.Kind.values()) {
                String name = kind.label + " " + StepLoad.onEdges(edges);
                try {
                    measured.add(step.run(kind, run + "-e" + edges + "-" + kind.label));
                } catch (RuntimeException e) {
                    failures.add(name + ": " + e.getMessage());
                    StepLoad.say(name + ": " + e);
                    break;
                }
                String dead = deadProcesses(started);
                if (!dead.isEmpty()) {
                    failures.add(name + ": " + dead + " exited");
                    break;
                }
            }
            // Read after the steps, the processes warmed up as they were under load; the clients are gone.
            if (!idle.isZero()) {
                StepLoad.say(StepLoad.onEdges(edges) + ": reading the idle CPU for " + idle.toSeconds() + " s...");
            }
            IdleCores cores = IdleCores.measure(started, idle);
            measured.forEach(figures -> steps.add(figures.withIdle(cores)));
            return offsets.partitions();
        }
    }

    private static String deadProcesses(ScaleOutCluster cluster) {
        List<String> dead = new ArrayList<>();
        if (!cluster.kafka().handle().isAlive()) {
            dead.add("kafka");
        }
        for (ScaleOutCluster.Edge edge : cluster.edges()) {
            if (!edge.process().handle().isAlive()) {
                dead.add(edge.nodeId());
            }
        }
        return String.join(", ", dead);
    }

    /** Stops the running cluster (its edges, then Kafka) and the load clients. Safe to call twice. */
    @Override
    public void close() {
        ScaleOutCluster stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = cluster;
        }
        if (stopping != null) {
            stopping.close();
        }
        clients.close();
    }
}
