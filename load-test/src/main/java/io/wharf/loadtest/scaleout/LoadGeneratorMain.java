package io.wharf.loadtest.scaleout;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.loadtest.client.ConnectSettings;
import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.SourceAddresses;
import io.wharf.loadtest.measure.Measurements;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load-generator process of a scale-out run: holds its share of the plan's connections, each
 * subscribed (QoS 1) to a topic of its own, and counts the messages they receive. Driven by the
 * scale-out command through its standard input ({@code connect}, then {@code stop}; the end of
 * the input stops it too, so a generator never outlives the command), answering with {@link
 * GeneratorLine}s.
 *
 * <p>Arguments: connections, edges, generators, this generator's index, the edges' MQTT ports
 * (comma-separated), the most handshakes in flight.
 */
public final class LoadGeneratorMain {

    private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofMinutes(2);
    private static final long REPORT_EVERY_MS = 500;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ScaleOutPlan plan;
    private final int generator;
    private final int[] edgePorts;
    private final int maxPending;
    private final AtomicIntegerArray received;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong lastReceivedMs = new AtomicLong();
    private final Measurements measurements = Measurements.startingNow();
    private final List<ConnectionRamp.Result> ramps = new ArrayList<>();

    private LoadGeneratorMain(ScaleOutPlan plan, int generator, int[] edgePorts, int maxPending) {
        this.plan = plan;
        this.generator = generator;
        this.edgePorts = edgePorts;
        this.maxPending = maxPending;
        this.received = new AtomicIntegerArray(plan.countOf(generator));
    }

    public static void main(String[] args) throws Exception {
        ScaleOutPlan plan =
                new ScaleOutPlan(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        int generator = Integer.parseInt(args[3]);
        String[] ports = args[4].split(",");
        int[] edgePorts = new int[ports.length];
        for (int e = 0; e < ports.length; e++) {
            edgePorts[e] = Integer.parseInt(ports[e]);
        }
        SourceAddresses.startSharedAt(plan.firstSourceSlotOf(generator));
        new LoadGeneratorMain(plan, generator, edgePorts, Integer.parseInt(args[5])).run();
        System.exit(0);
    }

    private void run() throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "generator-report");
            thread.setDaemon(true);
            return thread;
        });
        try (LoadClients clients =
                new LoadClients(Math.max(1, Runtime.getRuntime().availableProcessors()), 16)) {
            say(GeneratorLine.format(GeneratorLine.READY));
            String command;
            while ((command = commands.readLine()) != null && !command.trim().equals("stop")) {
                if (command.trim().equals("connect")) {
                    connectAndSubscribe(clients);
                    reporter.scheduleAtFixedRate(this::reportReceived, 0, REPORT_EVERY_MS, TimeUnit.MILLISECONDS);
                }
            }
            reporter.shutdownNow();
            reportReceived();
            for (ConnectionRamp.Result ramp : ramps) {
                ramp.disconnectAll(Duration.ofSeconds(30));
            }
        }
    }

    /** One ramp per edge, side by side, each with its share of the handshakes in flight. */
    private void connectAndSubscribe(LoadClients clients) {
        long startMs = System.currentTimeMillis();
        int first = plan.firstOf(generator);
        int count = plan.countOf(generator);
        List<List<Integer>> byEdge = new ArrayList<>();
        for (int e = 0; e < plan.edges(); e++) {
            byEdge.add(new ArrayList<>());
        }
        for (int i = first; i < first + count; i++) {
            byEdge.get(plan.edgeOf(i)).add(i);
        }
        List<CompletableFuture<ConnectionRamp.Result>> connecting = new ArrayList<>();
        for (int e = 0; e < plan.edges(); e++) {
            List<Integer> numbers = byEdge.get(e);
            ConnectSettings settings = new ConnectSettings("127.0.0.1", edgePorts[e], MqttVersion.MQTT_3_1_1, 60, true);
            // Refused clients come back after a second or so, as devices do.
            ConnectionRamp ramp = new ConnectionRamp(
                            clients, settings, measurements, 0, Math.max(1, maxPending / plan.edges()))
                    .retryingAfter(RETRY_AFTER);
            connecting.add(CompletableFuture.supplyAsync(() -> ramp.open(
                    numbers.size(),
                    j -> ScaleOutPlan.clientIdOf(numbers.get(j)),
                    j -> {
                        int slot = numbers.get(j) - first;
                        return (connection, topic, payload, receivedNanos) -> received(slot);
                    },
                    CONNECT_TIMEOUT)));
        }
        long ok = 0;
        long failed = 0;
        long retries = 0;
        List<CompletableFuture<List<Integer>>> subacks = new ArrayList<>();
        for (int e = 0; e < plan.edges(); e++) {
            ConnectionRamp.Result result = connecting.get(e).join();
            ramps.add(result);
            failed += result.failed();
            retries += result.retries();
            LoadConnection[] connections = result.connections();
            for (int j = 0; j < connections.length; j++) {
                if (connections[j] != null) {
                    subacks.add(connections[j].subscribe(
                            List.of(ScaleOutPlan.topicOf(byEdge.get(e).get(j))), 1));
                }
            }
        }
        for (CompletableFuture<List<Integer>> suback : subacks) {
            try {
                List<Integer> codes = suback.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (codes.stream().allMatch(code -> code < 0x80)) {
                    ok++;
                } else {
                    failed++;
                }
            } catch (Exception e) {
                failed++;
            }
        }
        say(GeneratorLine.format(GeneratorLine.SUBSCRIBED, ok, failed, startMs, System.currentTimeMillis(), retries));
    }

    private void received(int slot) {
        lastReceivedMs.set(System.currentTimeMillis());
        if (received.getAndIncrement(slot) == 0) {
            distinct.incrementAndGet();
        } else {
            duplicates.incrementAndGet();
        }
    }

    private void reportReceived() {
        say(GeneratorLine.format(GeneratorLine.RECEIVED, distinct.get(), duplicates.get(), lastReceivedMs.get()));
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
