package io.wharf.loadtest.scaleout;

import io.wharf.loadtest.bench.ChildProcess;
import io.wharf.loadtest.bench.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One Kafka process and E edges on it, each a {@code wharf.jar} process with its own ports, node id and data. */
public final class ScaleOutCluster implements AutoCloseable {

    private static final String READY_LINE = "Press Ctrl-C to stop.";
    private static final long START_SECONDS = 120;

    /** A started edge: its process and its ports. */
    public record Edge(String nodeId, ChildProcess process, int mqttPort, int httpPort) {}

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private ChildProcess kafka;
    private boolean closed;
    private String kafkaBootstrap;

    /**
     * Starts Kafka, then the edges one after the other. When one fails, or {@link #close()} ran
     * meanwhile (Ctrl-C), stops whatever started and throws. Each edge also gets {@code
     * extraEdgeFlags} (e.g. {@link EdgeFlags#NO_ROUTER}).
     */
    public void start(
            Path wharfJar, Path workDir, int edgeCount, List<String> jvmOptions, List<String> extraEdgeFlags) {
        try {
            int kafkaPort = FreePorts.next();
            System.err.println("scale-out: starting Kafka (wharf with its embedded broker, no MQTT clients)...");
            kafka = started(ChildProcess.start(
                    "kafka",
                    command(
                            wharfJar,
                            jvmOptions,
                            EdgeFlags.kafkaProcess(kafkaPort, FreePorts.next(), workDir.resolve("kafka"))),
                    workDir.resolve("kafka.log"),
                    READY_LINE,
                    START_SECONDS));
            kafkaBootstrap = "127.0.0.1:" + kafkaPort;
            for (int e = 0; e < edgeCount; e++) {
                String nodeId = "edge-" + (e + 1);
                int mqttPort = FreePorts.next();
                int httpPort = FreePorts.next();
                System.err.println("scale-out: starting " + nodeId + " on MQTT port " + mqttPort + "...");
                ChildProcess edge = started(ChildProcess.start(
                        nodeId,
                        command(
                                wharfJar,
                                jvmOptions,
                                withExtra(
                                        EdgeFlags.of(
                                                kafkaBootstrap, nodeId, mqttPort, httpPort, workDir.resolve(nodeId)),
                                        extraEdgeFlags)),
                        workDir.resolve(nodeId + ".log"),
                        READY_LINE,
                        START_SECONDS));
                edges.add(new Edge(nodeId, edge, mqttPort, httpPort));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private synchronized ChildProcess started(ChildProcess process) {
        if (closed) {
            process.close();
            throw new IllegalStateException("stopped while starting");
        }
        started.add(process);
        return process;
    }

    private static List<String> withExtra(List<String> flags, List<String> extra) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(extra);
        return all;
    }

    private static List<String> command(Path wharfJar, List<String> jvmOptions, List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(wharfJar.toString());
        command.addAll(flags);
        return command;
    }

    public List<Edge> edges() {
        return edges;
    }

    public ChildProcess kafka() {
        return kafka;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** Stops the edges first, then Kafka, each with SIGTERM and then a kill. */
    @Override
    public void close() {
        List<AutoCloseable> stopping;
        synchronized (this) {
            closed = true;
            stopping = new ArrayList<>(started);
            started.clear();
        }
        for (int i = stopping.size() - 1; i >= 0; i--) {
            try {
                stopping.get(i).close();
            } catch (Exception e) {
                System.err.println("scale-out: could not stop a process: " + e);
            }
        }
    }
}
