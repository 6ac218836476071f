package io.wharf.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.wharf.launcher.WharfProcess;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A rolling restart driven by the operator commands: each edge in turn is drained through the
 * other ({@code wharf drain}), stops, and is started again; clients move to the edge that serves,
 * and every QoS 1 message published throughout reaches the persistent subscriber.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(300)
class RollingRestartIT {

    private static final String TOKEN = "rolling-admin-token-" + UUID.randomUUID();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One edge's fixed ports and data, so that it comes back where clients look for it. */
    private record Edge(String id, int mqttPort, int httpPort, Path data) {

        String admin() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    @Test
    void drainingAndRestartingEachEdgeInTurnLosesNoQos1Message(TestKafka kafka) throws Exception {
        String prefix = "rolling-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<Edge> edges = List.of(edge("edge-a"), edge("edge-b"));
        WharfProcess[] processes = new WharfProcess[2];
        CompletableFuture<WharfProcess> a = CompletableFuture.supplyAsync(() -> start(kafka, prefix, edges.get(0)));
        CompletableFuture<WharfProcess> b = CompletableFuture.supplyAsync(() -> start(kafka, prefix, edges.get(1)));
        processes[0] = a.join();
        processes[1] = b.join();
        ScheduledExecutorService publishing = Executors.newSingleThreadScheduledExecutor();
        Mqtt5AsyncClient subscriber = null;
        Mqtt5AsyncClient publisher = null;
        try {
            awaitServing(edges.get(0), "edge-a", "edge-b");
            Set<String> received = ConcurrentHashMap.newKeySet();
            subscriber = movingClient("rolling-subscriber", edges, 0);
            subscriber.publishes(
                    MqttGlobalPublishFilter.ALL,
                    p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            subscriber
                    .connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .send()
                    .join();
            subscriber
                    .subscribeWith()
                    .topicFilter("rolling/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .join();
            publisher = movingClient("rolling-publisher", edges, 1);
            publisher
                    .connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .send()
                    .join();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            Mqtt5AsyncClient sending = publisher;
            // One message at a time, each waited for (a failed one is sent again), a few each second.
            publishing.scheduleWithFixedDelay(
                    () -> publishOne(sending, next, acknowledged), 0, 50, TimeUnit.MILLISECONDS);

            for (int i = 0; i < edges.size(); i++) {
                Edge drained = edges.get(i);
                Edge other = edges.get(1 - i);
                int before = acknowledged.size();
                Run drain = wharf("drain", drained.id(), "--admin", other.admin());
                assertThat(drain.exit()).as(drain.err()).isZero();
                assertThat(processes[i].process().waitFor(60, TimeUnit.SECONDS))
                        .as(drained.id() + " stopped after its drain")
                        .isTrue();
                processes[i] = start(kafka, prefix, drained);
                awaitServing(other, "edge-a", "edge-b");
                await().atMost(WAIT).until(() -> acknowledged.size() > before + 10);
            }
            publishing.shutdown();
            assertThat(publishing.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(acknowledged).hasSizeGreaterThan(20);
            await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsAll(acknowledged));
        } finally {
            publishing.shutdownNow();
            if (subscriber != null) {
                subscriber.disconnect();
            }
            if (publisher != null) {
                publisher.disconnect();
            }
            for (WharfProcess process : processes) {
                if (process != null) {
                    process.close();
                }
            }
        }
    }

    private static void publishOne(Mqtt5AsyncClient publisher, AtomicInteger next, Set<String> acknowledged) {
        String payload = "m" + next.get();
        try {
            publisher
                    .publishWith()
                    .topic("rolling/messages")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8))
                    .send()
                    .get(20, TimeUnit.SECONDS);
            acknowledged.add(payload);
            next.incrementAndGet();
        } catch (Exception e) {
            // not acknowledged: the same message goes again at the next turn
        }
    }

    /** A client that, when its edge goes, reconnects to the other edge (keeping its session). */
    private static Mqtt5AsyncClient movingClient(String id, List<Edge> edges, int first) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edges.get(first).mqttPort())
                .automaticReconnect()
                .initialDelay(100, TimeUnit.MILLISECONDS)
                .maxDelay(500, TimeUnit.MILLISECONDS)
                .applyAutomaticReconnect()
                .addDisconnectedListener(context -> {
                    int port = context.getClientConfig().getServerPort();
                    int other = port == edges.get(0).mqttPort()
                            ? edges.get(1).mqttPort()
                            : edges.get(0).mqttPort();
                    context.getReconnector()
                            .transportConfig(MqttClientTransportConfig.builder()
                                    .serverHost("127.0.0.1")
                                    .serverPort(other)
                                    .build());
                })
                .buildAsync();
    }

    private static void awaitServing(Edge asked, String... ids) {
        await().atMost(WAIT).untilAsserted(() -> {
            Run run = wharf("cluster", "--json", "--admin", asked.admin());
            assertThat(run.exit()).as(run.err()).isZero();
            List<String> serving = new ArrayList<>();
            for (JsonNode edge : JSON.readTree(run.out()).path("items")) {
                if (edge.path("state").asText().equals("serving")) {
                    serving.add(edge.path("id").asText());
                }
            }
            assertThat(serving).containsExactly(ids);
        });
    }

    private static Edge edge(String id) {
        return new Edge(id, FreePorts.onLoopback(), FreePorts.onLoopback(), TestDirectories.newDirectory(id));
    }

    private static WharfProcess start(TestKafka kafka, String prefix, Edge edge) {
        try {
            return WharfProcess.start(WharfProcess.command(
                    "--allow-anonymous", "true", // no credentials: allowed explicitly beside an external Kafka
                    "--admin-token", TOKEN,
                    "--kafka", kafka.bootstrapServers(),
                    "--topic-prefix", prefix,
                    "--node-id", edge.id(),
                    "--bind", "127.0.0.1",
                    "--mqtt-port", String.valueOf(edge.mqttPort()),
                    "--http-port", String.valueOf(edge.httpPort()),
                    "--data-dir", edge.data().toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exit, String out, String err) {}

    /** The operator commands in this JVM, wired as {@code wharf} wires them. */
    private static Run wharf(String... args) {
        CommandLine wharf = new CommandLine(CommandSpec.create().name("wharf"));
        AdminCommands.addTo(wharf, Map.of(AdminLogin.TOKEN_VARIABLE, TOKEN));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        wharf.setOut(new PrintWriter(out, true));
        wharf.setErr(new PrintWriter(err, true));
        int exit = wharf.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
