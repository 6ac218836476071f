package io.wharf.loadtest.scaleout;

import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.loadtest.bench.Machine;
import io.wharf.loadtest.bench.ProcessCpu;
import io.wharf.loadtest.bench.ProcessMemory;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The steps of one scale-out run, and the processes it started, which {@link #close()} stops. */
final class ScaleOutRun implements AutoCloseable {

    /** The message topic under the default {@code --topic-prefix mqtt.}. */
    static final String MESSAGE_TOPIC = "mqtt.messages";

    private static final long GENERATOR_START_SECONDS = 60;
    private static final long HELD_SETTLE_SECONDS = 10;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ScaleOutPlan plan;
    private final Path wharfJar;
    private final Path workDir;
    private final List<String> edgeJvmOptions;
    private final List<String> generatorJvmOptions;
    private final int maxPendingConnects;
    private final long connectTimeoutSeconds;
    private final long deliveryTimeoutSeconds;
    private final List<GeneratorProcess> generators = new ArrayList<>();
    private final EdgeMetricsReader metrics = new EdgeMetricsReader();
    private ScaleOutCluster cluster;
    private ConnectionTimeline timeline;
    private boolean closed;

    ScaleOutRun(
            ScaleOutPlan plan,
            Path wharfJar,
            Path workDir,
            List<String> edgeJvmOptions,
            List<String> generatorJvmOptions,
            int maxPendingConnects,
            long connectTimeoutSeconds,
            long deliveryTimeoutSeconds) {
        this.plan = plan;
        this.wharfJar = wharfJar;
        this.workDir = workDir;
        this.edgeJvmOptions = edgeJvmOptions;
        this.generatorJvmOptions = generatorJvmOptions;
        this.maxPendingConnects = maxPendingConnects;
        this.connectTimeoutSeconds = connectTimeoutSeconds;
        this.deliveryTimeoutSeconds = deliveryTimeoutSeconds;
    }

    ScaleOutResult execute(String startedAt) throws InterruptedException {
        say(String.format(
                "%,d connections over %d edges from %d load generators (%,d to %,d each)",
                plan.connections(),
                plan.edges(),
                plan.generators(),
                plan.countOf(plan.generators() - 1),
                plan.countOf(0)));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stopped");
            }
            cluster = new ScaleOutCluster();
        }
        cluster.start(wharfJar, workDir, plan.edges(), edgeJvmOptions, EdgeFlags.NO_ROUTER);
        List<ScaleOutCluster.Edge> edges = cluster.edges();
        say("measuring the idle edges (a full GC each)...");
        long[] idleRss = new long[edges.size()];
        long[] idleHeap = new long[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            ProcessHandle process = edges.get(e).process().handle();
            idleHeap[e] = ProcessMemory.heapAfterGcBytes(process);
            idleRss[e] = ProcessMemory.rssBytes(process);
        }
        startGenerators(edges);
        timeline = new ConnectionTimeline(edges);
        double[] cpuBeforeConnect = edgeCpu(edges);
        for (GeneratorProcess generator : generators) {
            generator.send("connect");
        }
        long subscribed = 0;
        long failures = 0;
        long retries = 0;
        long connectStartMs = Long.MAX_VALUE;
        long connectEndMs = 0;
        long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectTimeoutSeconds);
        for (GeneratorProcess generator : generators) {
            GeneratorLine line = null;
            while (line == null && System.nanoTime() < connectDeadline) {
                line = generator.awaitSubscribed(2);
                if (line == null) {
                    say("connecting: " + timeline.lastLine());
                }
            }
            if (line == null) {
                throw new IllegalStateException("the load generators did not connect and subscribe within "
                        + connectTimeoutSeconds + " s; " + timeline.lastLine());
            }
            subscribed += line.value(0);
            failures += line.value(1);
            retries += line.value(4);
            connectStartMs = Math.min(connectStartMs, line.value(2));
            connectEndMs = Math.max(connectEndMs, line.value(3));
        }
        double connectSeconds = (connectEndMs - connectStartMs) / 1000.0;
        say(String.format(
                "%,d connected and subscribed (%,d failed, %,d attempts refused and tried again) in %.1f s:"
                        + " %,.0f per second",
                subscribed, failures, retries, connectSeconds, subscribed / Math.max(connectSeconds, 1e-3)));
        double[] cpuAfterConnect = edgeCpu(edges);
        long[] held = awaitHeld(edges);
        say("measuring the loaded edges (a full GC each)...");
        long[] loadedRss = new long[edges.size()];
        long[] loadedHeap = new long[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            ProcessHandle process = edges.get(e).process().handle();
            loadedHeap[e] = ProcessMemory.heapAfterGcBytes(process);
            loadedRss[e] = ProcessMemory.rssBytes(process);
        }
        double[] cpuBeforeDelivery = edgeCpu(edges);
        double kafkaCpuBefore = ProcessCpu.seconds(cluster.kafka().handle());
        long[] written = writeOneRecordPerConnection();
        long expected = plan.connections();
        awaitDeliveries(expected);
        double[] cpuAfterDelivery = edgeCpu(edges);
        double kafkaCpu = ProcessCpu.seconds(cluster.kafka().handle()) - kafkaCpuBefore;
        long received = 0;
        long duplicates = 0;
        long lastReceivedMs = 0;
        for (GeneratorProcess generator : generators) {
            received += generator.received();
            duplicates += generator.duplicates();
            lastReceivedMs = Math.max(lastReceivedMs, generator.lastReceivedMs());
        }
        List<EdgeFigures> figures = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            figures.add(new EdgeFigures(
                    edges.get(e).nodeId(),
                    plan.connectionsTo(e),
                    held[e],
                    idleRss[e],
                    loadedRss[e],
                    idleHeap[e],
                    loadedHeap[e],
                    cpuAfterConnect[e] - cpuBeforeConnect[e],
                    cpuAfterDelivery[e] - cpuBeforeDelivery[e]));
        }
        Map<String, List<double[]>> points = timeline.points();
        return new ScaleOutResult(
                startedAt,
                Machine.describe(),
                plan.connections(),
                plan.edges(),
                plan.generators(),
                subscribed,
                failures,
                retries,
                connectSeconds,
                written[0],
                written[1],
                lastReceivedMs,
                expected,
                received,
                duplicates,
                kafkaCpu,
                figures,
                points);
    }

    private void startGenerators(List<ScaleOutCluster.Edge> edges) throws InterruptedException {
        List<Integer> ports = edges.stream().map(ScaleOutCluster.Edge::mqttPort).toList();
        for (int g = 0; g < plan.generators(); g++) {
            GeneratorProcess generator = GeneratorProcess.start(
                    g,
                    plan,
                    ports,
                    maxPendingConnects,
                    generatorJvmOptions,
                    workDir.resolve("generator-" + g + ".log"));
            synchronized (this) {
                generators.add(generator);
                if (closed) {
                    throw new IllegalStateException("stopped");
                }
            }
        }
        for (int g = 0; g < generators.size(); g++) {
            if (!generators.get(g).awaitReady(GENERATOR_START_SECONDS)) {
                throw new IllegalStateException("load generator " + g + " did not start within "
                        + GENERATOR_START_SECONDS + " s; see " + workDir.resolve("generator-" + g + ".log"));
            }
        }
        say(generators.size() + " load generators started");
    }

    /** What each edge says it holds, once that stopped changing (the gauge follows the closes and opens). */
    private long[] awaitHeld(List<ScaleOutCluster.Edge> edges) {
        long[] held = new long[edges.size()];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HELD_SETTLE_SECONDS);
        while (true) {
            long total = 0;
            for (int e = 0; e < edges.size(); e++) {
                held[e] = metrics.connections(edges.get(e).httpPort());
                total += held[e];
            }
            if (total >= plan.connections() || System.nanoTime() > deadline) {
                return held;
            }
            LockSupport.parkNanos(POLL_NANOS * 5);
        }
    }

    /** Writes one message record per connection's topic; returns when the first was sent and the last acknowledged (ms). */
    private long[] writeOneRecordPerConnection() {
        say(String.format("writing %,d records to %s...", plan.connections(), MESSAGE_TOPIC));
        AtomicLong lastAckMs = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long firstSentMs;
        try (KafkaProducer<byte[], byte[]> producer = EdgeKafkaClients.producer(
                cluster.kafkaBootstrap(),
                "wharf-load-scale-out",
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        // The edge's producer fails fast; this one may wait for the topic's metadata.
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        60_000))) {
            firstSentMs = System.currentTimeMillis();
            for (int i = 0; i < plan.connections(); i++) {
                String topic = ScaleOutPlan.topicOf(i);
                ApplicationMessage message = new ApplicationMessage(
                        topic,
                        topic.getBytes(StandardCharsets.UTF_8),
                        1,
                        false,
                        null,
                        System.currentTimeMillis(),
                        ApplicationMessage.Properties.NONE);
                producer.send(MessageCodec.toRecord(MESSAGE_TOPIC, message), (metadata, error) -> {
                    if (error == null) {
                        lastAckMs.accumulateAndGet(System.currentTimeMillis(), Math::max);
                    } else if (failed.getAndIncrement() == 0) {
                        say("a record could not be written: " + error);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            say(failed.get() + " records could not be written");
        }
        return new long[] {firstSentMs, lastAckMs.get()};
    }

    /** Waits for every message, at most the delivery timeout; shows the count every two seconds. */
    private void awaitDeliveries(long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deliveryTimeoutSeconds);
        long nextProgress = System.nanoTime();
        while (true) {
            long received =
                    generators.stream().mapToLong(GeneratorProcess::received).sum();
            long now = System.nanoTime();
            if (received >= expected || now > deadline) {
                say(String.format("%,d of %,d messages received", received, expected));
                return;
            }
            if (now >= nextProgress) {
                say(String.format("delivering: %,d of %,d messages received", received, expected));
                nextProgress = now + PROGRESS_EVERY_NANOS;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static double[] edgeCpu(List<ScaleOutCluster.Edge> edges) {
        double[] seconds = new double[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            seconds[e] = ProcessCpu.seconds(edges.get(e).process().handle());
        }
        return seconds;
    }

    private static void say(String line) {
        System.err.println("scale-out: " + line);
    }

    /** Stops the generators (their connections close first), then the edges and Kafka. Safe to call twice. */
    @Override
    public void close() {
        List<GeneratorProcess> stopping;
        ScaleOutCluster stoppingCluster;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = List.copyOf(generators);
            stoppingCluster = cluster;
        }
        if (timeline != null) {
            timeline.close();
        }
        stopping.parallelStream().forEach(GeneratorProcess::close);
        if (stoppingCluster != null) {
            stoppingCluster.close();
        }
    }
}
