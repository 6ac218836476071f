package io.wharf.loadtest.edges;

import io.wharf.loadtest.bench.Machine;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.scaleout.MetricsPage;
import io.wharf.loadtest.scaleout.ScaleOutCluster;
import java.nio.file.Path;
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
    private final LoadClients clients;
    private ScaleOutCluster cluster;
    private boolean closed;

    /**
     * @param plans the plan for an edge count
     * @param window the most QoS 1 messages each client keeps unacknowledged
     */
    EdgesRun(
            List<Integer> edgeCounts,
            IntFunction<EdgesPlan> plans,
            StepLoad.Settings settings,
            Path wharfJar,
            Path workDir,
            List<String> jvmOptions,
            List<String> edgeFlags,
            int window) {
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
                try (MessageTopicOffsets offsets = new MessageTopicOffsets(started.kafkaBootstrap(), MESSAGE_TOPIC)) {
                    partitions = Math.max(partitions, offsets.partitions());
                    StepLoad step = new StepLoad(
                            plans.apply(edges), settings, clients, started, new MetricsPage(), offsets, MESSAGE_TOPIC);
                    for (StepLoad.Kind kind : StepLoad.Kind.values()) {
                        steps.add(step.run(kind, run + "-e" + edges + "-" + kind.label));
                        String dead = deadProcesses(started);
                        if (!dead.isEmpty()) {
                            failures.add(kind.label + " " + StepLoad.onEdges(edges) + ": " + dead + " exited");
                            break;
                        }
                    }
                }
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
