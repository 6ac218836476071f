package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.ConnectSettings;
import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.measure.Probe;
import io.wharf.loadtest.measure.ProgressLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The steps scenarios share: connect many clients, subscribe them, wait for the last deliveries,
 * close everything, and turn the measurements into a result. Shows the progress line throughout.
 */
final class RunContext implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration PUBLISHERS_STOP_GRACE = Duration.ofSeconds(10);
    private static final long DRAIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    final String scenario;
    final LoadOptions options;
    final LoadClients clients;
    final Measurements measurements = Measurements.startingNow();
    final String startedAt = Instant.now().toString();
    private final ProgressLine progress;
    private final List<LoadConnection> opened = new ArrayList<>();

    RunContext(String scenario, LoadOptions options, LoadClients clients) {
        this.scenario = scenario;
        this.options = options;
        this.clients = clients;
        this.progress = ProgressLine.start(scenario + " " + options.target, measurements, clients::openConnections);
    }

    /** A listener that counts a delivery and its latency from the probe in the payload. */
    MessageListener countingListener() {
        return (connection, topic, payload, receivedNanos) ->
                measurements.delivered(Probe.sentNanos(payload), receivedNanos);
    }

    /** Connects {@code count} clients named {@code prefix-i}; connection {@code i} is null where it failed. */
    ConnectionRamp.Result connect(
            int count, String prefix, ConnectSettings settings, IntFunction<MessageListener> listeners) {
        ConnectionRamp ramp =
                new ConnectionRamp(clients, settings, measurements, options.connectRate, options.maxPendingConnects);
        ConnectionRamp.Result result =
                ramp.open(count, i -> options.topicPrefix + "-" + prefix + "-" + i, listeners, CONNECT_TIMEOUT);
        for (LoadConnection connection : result.connections()) {
            if (connection != null) {
                opened.add(connection);
            }
        }
        return result;
    }

    /** The connections that succeeded. */
    static List<LoadConnection> present(ConnectionRamp.Result result) {
        List<LoadConnection> present = new ArrayList<>();
        for (LoadConnection connection : result.connections()) {
            if (connection != null) {
                present.add(connection);
            }
        }
        return present;
    }

    /** Subscribes every connection to {@code filters} and waits for all SUBACKs. */
    void subscribeAll(List<LoadConnection> subscribers, IntFunction<List<String>> filters, int qos) {
        List<CompletableFuture<List<Integer>>> acks = new ArrayList<>(subscribers.size());
        for (int i = 0; i < subscribers.size(); i++) {
            acks.add(subscribers.get(i).subscribe(filters.apply(i), qos));
        }
        for (CompletableFuture<List<Integer>> ack : acks) {
            try {
                for (int code : ack.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (code >= 0x80) {
                        measurements.error("subscription refused");
                    }
                }
            } catch (Exception e) {
                measurements.error("no SUBACK");
            }
        }
    }

    /** Starts the clock for the load proper; connecting and subscribing before it do not count. */
    void loadStarts() {
        measurements.restart(System.nanoTime());
    }

    /**
     * The load proper: starts the clock, runs {@code publishing} (which returns when publishing
     * stopped), then waits for the last deliveries.
     */
    Phase load(Runnable publishing, LongSupplier expected) {
        loadStarts();
        publishing.run();
        double publishSeconds = (System.nanoTime() - measurements.startNanos()) / 1e9;
        return new Phase(publishSeconds, drain(expected));
    }

    /** {@link #load} with publishers on their event loops. */
    Phase load(PublishLoop loop, LongSupplier expected) {
        return load(
                () -> {
                    loop.start();
                    loop.awaitEnd(PUBLISHERS_STOP_GRACE);
                },
                expected);
    }

    /** {@code root/0}, {@code root/1}, ...: the topics of a scenario that spreads over several. */
    static List<String> numberedTopics(String root, int count) {
        List<String> topics = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            topics.add(root + "/" + t);
        }
        return topics;
    }

    /**
     * @param publishSeconds from the start of the load until publishing stopped
     * @param endNanos when the drain ended
     */
    record Phase(double publishSeconds, long endNanos) {}

    /**
     * Waits until {@code expected} deliveries arrived and every publication was acknowledged, or
     * until nothing more arrived for the drain time. Returns when it stopped waiting.
     */
    long drain(LongSupplier expected) {
        long quietLimit = TimeUnit.SECONDS.toNanos(options.drainSeconds);
        Measurements.Counts last = measurements.counts();
        long lastChange = System.nanoTime();
        while (true) {
            Measurements.Counts now = measurements.counts();
            long at = System.nanoTime();
            if (now.delivered() >= expected.getAsLong() && now.acknowledged() >= now.published()) {
                return at;
            }
            if (!now.equals(last)) {
                last = now;
                lastChange = at;
            } else if (at - lastChange > quietLimit) {
                return at;
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
    }

    ScenarioResult result(
            int connections, long expected, double publishSeconds, long endNanos, Map<String, Object> figures) {
        progress.close();
        return ScenarioResult.of(
                scenario,
                options,
                startedAt,
                connections,
                measurements,
                expected,
                publishSeconds,
                endNanos,
                measurements.totalLatency(),
                figures);
    }

    /** A result whose latency is another histogram than the deliveries' (µs), e.g. handshakes. */
    ScenarioResult result(
            int connections, double publishSeconds, long endNanos, Histogram latency, Map<String, Object> figures) {
        progress.close();
        return ScenarioResult.of(
                scenario, options, startedAt, connections, measurements, 0, publishSeconds, endNanos, latency, figures);
    }

    /** Disconnects every client this run opened and waits for them to close. */
    @Override
    public void close() {
        progress.close();
        List<CompletableFuture<Void>> closing = new ArrayList<>(opened.size());
        for (LoadConnection connection : opened) {
            closing.add(connection.disconnect());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            measurements.error("disconnect did not complete");
        }
    }
}
