package io.wharf.loadtest.edges;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.loadtest.client.ConnectSettings;
import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.scaleout.ScaleOutCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Connects a list of clients spread over the edges as the plan says: one connection ramp per edge
 * (a ramp has one port), side by side, each with its share of the handshakes in flight.
 */
final class EdgeSpread {

    private static final int KEEP_ALIVE_SECONDS = 60;

    private final LoadClients clients;
    private final EdgesPlan plan;
    private final List<ScaleOutCluster.Edge> edges;
    private final Measurements measurements;
    private final int maxPendingPerEdge;
    private final Duration timeout;

    EdgeSpread(
            LoadClients clients,
            EdgesPlan plan,
            List<ScaleOutCluster.Edge> edges,
            Measurements measurements,
            int maxPendingPerEdge,
            Duration timeout) {
        this.clients = clients;
        this.plan = plan;
        this.edges = edges;
        this.measurements = measurements;
        this.maxPendingPerEdge = maxPendingPerEdge;
        this.timeout = timeout;
    }

    /** Connects clients 0 to {@code count - 1}, client {@code i} to edge {@code plan.edgeOf(i)}. */
    Connected connect(int count, IntFunction<String> clientIds, MessageListener listener) {
        List<CompletableFuture<ConnectionRamp.Result>> ramps = new ArrayList<>();
        List<List<Integer>> indexes = new ArrayList<>();
        // A thread per ramp: each waits on its own edge's handshakes (the common pool has one thread on 2 cores).
        ExecutorService rampThreads = Executors.newFixedThreadPool(edges.size(), task -> {
            Thread thread = new Thread(task, "edges-ramp");
            thread.setDaemon(true);
            return thread;
        });
        for (int e = 0; e < edges.size(); e++) {
            List<Integer> onEdge = plan.indexesOn(count, e);
            indexes.add(onEdge);
            ConnectSettings settings = new ConnectSettings(
                    "127.0.0.1", edges.get(e).mqttPort(), MqttVersion.MQTT_3_1_1, KEEP_ALIVE_SECONDS, true);
            ConnectionRamp ramp = new ConnectionRamp(clients, settings, measurements, 0, maxPendingPerEdge);
            ramps.add(CompletableFuture.supplyAsync(
                    () -> ramp.open(onEdge.size(), j -> clientIds.apply(onEdge.get(j)), j -> listener, timeout),
                    rampThreads));
        }
        rampThreads.shutdown();
        LoadConnection[] connections = new LoadConnection[count];
        int failed = 0;
        for (int e = 0; e < edges.size(); e++) {
            ConnectionRamp.Result result = ramps.get(e).join();
            failed += result.failed();
            for (int j = 0; j < result.connections().length; j++) {
                connections[indexes.get(e).get(j)] = result.connections()[j];
            }
        }
        return new Connected(connections, failed);
    }

    /**
     * @param connections client {@code i}, or null where it failed
     * @param failed clients that did not connect
     */
    record Connected(LoadConnection[] connections, int failed) {

        List<LoadConnection> present() {
            List<LoadConnection> present = new ArrayList<>();
            for (LoadConnection connection : connections) {
                if (connection != null) {
                    present.add(connection);
                }
            }
            return present;
        }

        /** Subscribes client {@code i} to {@code filters.apply(i)} at QoS 1; returns how many were not granted. */
        int subscribe(IntFunction<String> filters, Duration timeout) {
            List<CompletableFuture<List<Integer>>> acks = new ArrayList<>();
            for (int i = 0; i < connections.length; i++) {
                if (connections[i] != null) {
                    acks.add(connections[i].subscribe(List.of(filters.apply(i)), 1));
                }
            }
            int refused = 0;
            for (CompletableFuture<List<Integer>> ack : acks) {
                try {
                    if (ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                            .anyMatch(code -> code >= 0x80)) {
                        refused++;
                    }
                } catch (Exception e) {
                    refused++;
                }
            }
            return refused;
        }

        void disconnectAll(Duration timeout) {
            ConnectionRamp.disconnectAll(connections, timeout);
        }
    }
}
