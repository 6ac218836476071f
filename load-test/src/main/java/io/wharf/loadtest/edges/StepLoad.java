package io.wharf.loadtest.edges;

import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.scaleout.MetricsPage;
import io.wharf.loadtest.scaleout.ScaleOutCluster;
import io.wharf.loadtest.scenario.LoadOptions;
import io.wharf.loadtest.scenario.PublishLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * One step on a running cluster: its clients connect over the edges, publish for the warm-up,
 * then for the measured window, and the window's deliveries, latencies, CPU and edge counters
 * become the step's figures. Every client is disconnected at the end, also on failure.
 */
final class StepLoad {

    /** The two loads the command offers each cluster. */
    enum Kind {
        FAN_IN("fan-in"),
        FAN_OUT("fan-out");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * @param maxPendingPerEdge handshakes in flight at once towards each edge
     * @param connectTimeout the longest the clients of one list may take to connect or subscribe
     * @param drainTimeout the longest to wait for a phase's last deliveries after its publishing
     */
    record Settings(
            int warmUpSeconds,
            int durationSeconds,
            int payloadSize,
            int maxPendingPerEdge,
            Duration connectTimeout,
            Duration drainTimeout) {}

    private static final Duration PUBLISHERS_STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROGRESS_EVERY_SECONDS = 2;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final EdgesPlan plan;
    private final Settings settings;
    private final LoadClients clients;
    private final ScaleOutCluster cluster;
    private final MetricsPage metrics;
    private final MessageTopicOffsets offsets;
    private final String messageTopic;

    StepLoad(
            EdgesPlan plan,
            Settings settings,
            LoadClients clients,
            ScaleOutCluster cluster,
            MetricsPage metrics,
            MessageTopicOffsets offsets,
            String messageTopic) {
        this.plan = plan;
        this.settings = settings;
        this.clients = clients;
        this.cluster = cluster;
        this.metrics = metrics;
        this.offsets = offsets;
        this.messageTopic = messageTopic;
    }

    /** Runs the step under topics and client ids that start with {@code run}. */
    StepFigures run(Kind kind, String run) {
        String label = kind.label + " " + onEdges(plan.edges());
        Measurements measurements = Measurements.startingNow();
        DeliveryCount count = new DeliveryCount();
        EdgeSpread spread = new EdgeSpread(
                clients, plan, cluster.edges(), measurements, settings.maxPendingPerEdge(), settings.connectTimeout());
        List<EdgeSpread.Connected> opened = new ArrayList<>();
        try {
            Load load = kind == Kind.FAN_IN ? fanIn(run, spread, count, opened) : fanOut(run, spread, count, opened);
            say(String.format(
                    "%s: %,d publishers at %.3g msg/s each, %,d subscribers (%,d failed to connect or subscribe)",
                    label, load.publishers.present().size(), load.rate, load.subscribers, load.connectFailures));
            TopicCounts warmUp = publish(load, settings.warmUpSeconds(), label + ", warming up", count::warmUp);
            drain(load, warmUp, count::warmUp, measurements);
            WindowSnapshot start = WindowSnapshot.take(cluster, metrics, offsets, messageTopic);
            count.measureFrom(System.nanoTime());
            TopicCounts measured = publish(load, settings.durationSeconds(), label + ", measuring", count::measured);
            // The publishers stop sending at exactly this time after they start; they notice it at their next tick.
            double publishSeconds = settings.durationSeconds();
            drain(load, measured, count::measured, measurements);
            WindowSnapshot end = WindowSnapshot.take(cluster, metrics, offsets, messageTopic);
            Histogram latency = count.latency();
            long expected = load.expected.applyAsLong(measured);
            say(String.format(
                    "%s: %,d published, %,d of %,d delivered", label, measured.total(), count.measured(), expected));
            return new StepFigures(
                    kind.label,
                    plan.edges(),
                    load.publishers.present().size(),
                    load.subscribers,
                    plan.offeredPerSecond(),
                    publishSeconds,
                    (end.nanos() - start.nanos()) / 1e9,
                    measured.total(),
                    expected,
                    count.measured(),
                    load.connectFailures,
                    latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(50),
                    latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99),
                    end.kafkaCpu() - start.kafkaCpu(),
                    start.edgesUntil(
                            end,
                            cluster.edges().stream()
                                    .map(ScaleOutCluster.Edge::nodeId)
                                    .toList()));
        } finally {
            opened.parallelStream().forEach(connected -> connected.disconnectAll(DISCONNECT_TIMEOUT));
        }
    }

    /** D devices, each to a topic of its own, and W subscribers to all of them through one wildcard. */
    private Load fanIn(String run, EdgeSpread spread, DeliveryCount count, List<EdgeSpread.Connected> opened) {
        say(String.format(
                "fan-in %s: connecting %,d wildcard subscribers and %,d devices...",
                onEdges(plan.edges()), plan.wildcardSubscribers(), plan.devices()));
        EdgeSpread.Connected sinks =
                opened(opened, spread.connect(plan.wildcardSubscribers(), i -> run + "-sink-" + i, count.listener()));
        int refused = sinks.subscribe(i -> EdgesPlan.wildcardFilter(run), settings.connectTimeout());
        EdgeSpread.Connected devices =
                opened(opened, spread.connect(plan.devices(), i -> run + "-device-" + i, MessageListener.IGNORE));
        String[] topics = new String[plan.devices()];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = EdgesPlan.deviceTopic(run, i);
        }
        return new Load(
                devices,
                topics,
                (device, sequence) -> device,
                plan.deviceRate(),
                plan.wildcardSubscribers(),
                sinks.failed() + refused + devices.failed(),
                published -> plan.fanInExpected(published.total()));
    }

    /** P publishers walking K topics, and S subscribers, subscriber j to topic j mod K. */
    private Load fanOut(String run, EdgeSpread spread, DeliveryCount count, List<EdgeSpread.Connected> opened) {
        say(String.format(
                "fan-out %s: connecting %,d subscribers and %,d publishers...",
                onEdges(plan.edges()), plan.subscribers(), plan.publishers()));
        String[] topics = new String[plan.topics()];
        for (int t = 0; t < topics.length; t++) {
            topics[t] = EdgesPlan.fanOutTopic(run, t);
        }
        EdgeSpread.Connected subscribers =
                opened(opened, spread.connect(plan.subscribers(), j -> run + "-subscriber-" + j, count.listener()));
        int refused = subscribers.subscribe(j -> topics[plan.topicOfSubscriber(j)], settings.connectTimeout());
        EdgeSpread.Connected publishers =
                opened(opened, spread.connect(plan.publishers(), p -> run + "-publisher-" + p, MessageListener.IGNORE));
        return new Load(
                publishers,
                topics,
                plan::topicOfMessage,
                plan.publisherRate(),
                plan.subscribers(),
                subscribers.failed() + refused + publishers.failed(),
                published -> plan.fanOutExpected(published.perTopic()));
    }

    private static EdgeSpread.Connected opened(List<EdgeSpread.Connected> opened, EdgeSpread.Connected connected) {
        opened.add(connected);
        return connected;
    }

    /** Publishes for {@code seconds} at the load's rate; returns what went to each topic. */
    private TopicCounts publish(Load load, int seconds, String phase, LongSupplier delivered) {
        TopicCounts counts = new TopicCounts(load.topics.length);
        List<LoadConnection> connections = new ArrayList<>();
        List<LongFunction<String>> topicsOf = new ArrayList<>();
        LoadConnection[] all = load.publishers.connections();
        for (int p = 0; p < all.length; p++) {
            if (all[p] == null) {
                continue;
            }
            int publisher = p;
            connections.add(all[p]);
            topicsOf.add(sequence -> {
                int topic = load.topicOf.topic(publisher, sequence);
                counts.published(topic); // asked once per message, as it is written
                return load.topics[topic];
            });
        }
        LoadOptions options = new LoadOptions();
        options.qos = 1;
        options.payloadSize = settings.payloadSize();
        options.rate = load.rate;
        options.durationSeconds = seconds;
        PublishLoop loop = new PublishLoop(connections, topicsOf, options);
        try (Progress progress = new Progress(() ->
                String.format("%s: %,d published, %,d delivered", phase, counts.total(), delivered.getAsLong()))) {
            loop.start();
            if (!loop.awaitEnd(PUBLISHERS_STOP_GRACE)) {
                say(phase + ": a publisher was still going " + PUBLISHERS_STOP_GRACE.toSeconds() + " s after the end");
            }
        }
        return counts;
    }

    /** Waits until a phase's messages were all delivered and acknowledged, at most the drain timeout. */
    private void drain(Load load, TopicCounts published, LongSupplier delivered, Measurements measurements) {
        long expected = load.expected.applyAsLong(published);
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Measurements.Counts counts = measurements.counts();
            if (delivered.getAsLong() >= expected && counts.acknowledged() >= counts.published()) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        say(String.format(
                "%,d of %,d deliveries after %d s of waiting; going on",
                delivered.getAsLong(), expected, settings.drainTimeout().toSeconds()));
    }

    /** "on 1 edge", "on 2 edges". */
    static String onEdges(int edges) {
        return "on " + edges + (edges == 1 ? " edge" : " edges");
    }

    static void say(String line) {
        System.err.println("edges: " + line);
    }

    /** Which topic message {@code sequence} of publisher {@code publisher} goes to. */
    @FunctionalInterface
    private interface TopicOf {
        int topic(int publisher, long sequence);
    }

    /**
     * @param topics the step's topic names, by topic index
     * @param subscribers subscribers the plan has for the step
     * @param expected deliveries owed for what a phase published
     */
    private record Load(
            EdgeSpread.Connected publishers,
            String[] topics,
            TopicOf topicOf,
            double rate,
            int subscribers,
            long connectFailures,
            ToLongFunction<TopicCounts> expected) {}

    /** A progress line every two seconds while a phase runs. */
    private static final class Progress implements AutoCloseable {
        private final ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "edges-progress");
            thread.setDaemon(true);
            return thread;
        });

        Progress(Supplier<String> line) {
            printer.scheduleAtFixedRate(
                    () -> say(line.get()), PROGRESS_EVERY_SECONDS, PROGRESS_EVERY_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            printer.shutdownNow();
        }
    }
}
