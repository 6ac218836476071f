package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.schemas.Json;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.analytics.FilterWindowStats;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API on a real two-edge cluster: either edge answers for both. */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class ClusterAdminIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EdgeCluster cluster;
    private static MqttEdge edgeA;
    private static MqttEdge edgeB;

    @BeforeAll
    static void startCluster(TestKafka kafka) {
        cluster = EdgeCluster.start(kafka, 2);
        edgeA = cluster.edge(0);
        edgeB = cluster.edge(1);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ids(get(edgeA, "/api/edges").path("items"))).containsExactly("edge-a", "edge-b");
            assertThat(ids(get(edgeB, "/api/edges").path("items"))).containsExactly("edge-a", "edge-b");
        });
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eitherEdgeListsBothEdgesWithTheirStateAndConnections() throws Exception {
        Mqtt5BlockingClient client = client("counted-on-b", edgeB);
        client.connect();
        try {
            // Awaited: a client of an earlier test may still be leaving when the edges are asked.
            await().atMost(WAIT).untilAsserted(() -> {
                for (MqttEdge asked : List.of(edgeA, edgeB)) {
                    JsonNode edges = get(asked, "/api/edges").path("items");
                    JsonNode b = edges.get(1);
                    assertThat(b.path("id").asText()).isEqualTo("edge-b");
                    assertThat(b.path("state").asText()).isEqualTo("serving");
                    assertThat(b.path("connections").asInt()).isPositive().isEqualTo(edgeB.connectedClients());
                    assertThat(b.path("mqttAddress").asText()).isEqualTo("127.0.0.1:" + edgeB.mqttPort());
                    assertThat(b.path("httpAddress").asText()).isEqualTo("127.0.0.1:" + edgeB.httpPort());
                    assertThat(b.path("incarnation").asText()).isNotEmpty();
                    assertThat(b.path("version").asText()).isNotEmpty();
                    assertThat(b.path("kafkaWritable").asBoolean()).isTrue();
                    assertThat(b.path("kafkaLag").isIntegralNumber()).isTrue();
                    assertThat(b.path("messagesReceivedPerSecond").isNumber()).isTrue();
                    assertThat(b.path("messagesDeliveredPerSecond").isNumber()).isTrue();
                    assertThat(edges.get(0).path("connections").asInt()).isEqualTo(edgeA.connectedClients());
                }
            });
        } finally {
            client.disconnect();
        }
    }

    @Test
    void aClientOnOneEdgeIsFoundAndKickedThroughTheOther() throws Exception {
        AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("kick-me")
                .serverHost("127.0.0.1")
                .serverPort(edgeB.mqttPort())
                .addDisconnectedListener(context -> {
                    if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                        reason.set(disconnect.getMqttMessage().getReasonCode());
                    }
                })
                .buildBlocking();
        client.connectWith().simpleAuth().username("alice").applySimpleAuth().send();
        client.subscribeWith().topicFilter("kick/#").qos(MqttQos.AT_LEAST_ONCE).send();

        JsonNode found = get(edgeA, "/api/clients?filter=kick-");
        assertThat(found.path("items")).hasSize(1);
        assertThat(found.path("items").get(0).path("edge").asText()).isEqualTo("edge-b");
        assertThat(ids(get(edgeA, "/api/clients?filter=user:alice").path("items"), "clientId"))
                .containsExactly("kick-me");
        assertThat(get(edgeA, "/api/clients?filter=address:10.").path("items")).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode one = get(edgeA, "/api/clients/kick-me");
            assertThat(one.path("connected").asBoolean()).isTrue();
            assertThat(one.path("edge").asText()).isEqualTo("edge-b");
            assertThat(one.path("user").asText()).isEqualTo("alice");
            assertThat(one.path("protocol").asText()).isEqualTo("5");
            assertThat(one.path("since").asText()).isNotEmpty();
            assertThat(one.path("subscriptions").get(0).path("filter").asText()).isEqualTo("kick/#");
            assertThat(one.path("queued").isIntegralNumber()).isTrue();
        });

        HttpResponse<String> kick = send(edgeA, "DELETE", "/api/clients/kick-me");

        assertThat(kick.statusCode()).isEqualTo(200);
        assertThat(json(kick).path("edge").asText()).isEqualTo("edge-b");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
        HttpResponse<String> again = send(edgeA, "DELETE", "/api/clients/kick-me");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).path("error").asText()).contains("kick-me");
    }

    @Test
    void aDisconnectedSessionIsShownAndRemovedThroughTheOtherEdge() throws Exception {
        Mqtt5BlockingClient client = client("session-to-remove", edgeB);
        client.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
        client.subscribeWith().topicFilter("kept/#").qos(MqttQos.AT_LEAST_ONCE).send();
        client.disconnect();
        Mqtt5BlockingClient publisher = client("session-publisher", edgeA);
        publisher.connect();
        for (int i = 0; i < 3; i++) {
            publish(publisher, "kept/" + i, "while away " + i);
        }
        publisher.disconnect();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode session = get(edgeA, "/api/clients/session-to-remove");
            assertThat(session.path("connected").asBoolean()).isFalse();
            assertThat(session.path("edge").asText()).isEqualTo("edge-b");
            assertThat(session.path("subscriptions").get(0).path("filter").asText())
                    .isEqualTo("kept/#");
            // Its cursor is behind the three messages (and whatever else the partitions got since).
            assertThat(session.path("queued").asLong()).isGreaterThanOrEqualTo(3);
        });

        HttpResponse<String> removed = send(edgeA, "DELETE", "/api/sessions/session-to-remove");

        assertThat(removed.statusCode()).isEqualTo(200);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(send(edgeB, "GET", "/api/clients/session-to-remove")
                                .statusCode())
                        .isEqualTo(404));
        Mqtt5BlockingClient back = client("session-to-remove", edgeB);
        assertThat(back.connectWith()
                        .cleanStart(false)
                        .sessionExpiryInterval(300)
                        .send()
                        .isSessionPresent())
                .isFalse();
        back.disconnect();
        assertThat(send(edgeA, "DELETE", "/api/sessions/never-was").statusCode())
                .isEqualTo(404);
    }

    @Test
    void retainedMessagesAreBrowsedReadAndOneDeletedSoANewSubscriberNoLongerGetsIt() throws Exception {
        Mqtt5BlockingClient publisher = client("retained-publisher", edgeA);
        publisher.connect();
        publish(publisher, "shelf/a/b", "first");
        publish(publisher, "shelf/c", "second");
        publisher.disconnect();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                ids(get(edgeB, "/api/retained?filter=shelf/%23").path("items"), "topic"))
                        .containsExactly("shelf/a/b", "shelf/c"));
        JsonNode one = get(edgeB, "/api/retained/shelf%2Fa%2Fb");
        assertThat(one.path("payload").asText()).isEqualTo("first");
        assertThat(one.path("qos").asInt()).isEqualTo(1);

        HttpResponse<String> deleted = send(edgeB, "DELETE", "/api/retained/shelf/a/b");

        assertThat(deleted.statusCode()).isEqualTo(200);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                send(edgeA, "GET", "/api/retained/shelf/a/b").statusCode())
                        .isEqualTo(404));
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriber = client("retained-subscriber", edgeA);
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("shelf/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            publishes
                    .receive(10, TimeUnit.SECONDS)
                    .ifPresent(p -> received.add(p.getTopic().toString()));
            publishes
                    .receive(1, TimeUnit.SECONDS)
                    .ifPresent(p -> received.add(p.getTopic().toString()));
        }
        subscriber.disconnect();
        assertThat(received).containsExactly("shelf/c");
    }

    @Test
    void eitherEdgeShowsTheMessageRatesTheRoutersAnalyticsWrote(TestKafka kafka) throws Exception {
        WharfTopic<String, FilterWindowStats> analytics = cluster.topics().analytics();
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MINUTES);
        for (int minute = 0; minute < 2; minute++) {
            Instant windowStart = start.plusSeconds(60L * minute);
            FilterWindowStats window =
                    FilterWindowStats.of("rates/#", windowStart, windowStart.plusSeconds(60), 60L * (minute + 1), 600);
            KafkaRecords.write(
                    kafka.bootstrapServers(),
                    new ProducerRecord<>(
                            analytics.name(),
                            analytics.keySerde().serializer().serialize(analytics.name(), "rates/#"),
                            analytics.valueSerde().serializer().serialize(analytics.name(), window)));
        }

        for (MqttEdge asked : List.of(edgeA, edgeB)) {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode rates = get(asked, "/api/topics").path("items").get(0);
                assertThat(rates.path("filter").asText()).isEqualTo("rates/#");
                assertThat(rates.path("messages").asLong()).isEqualTo(120);
                assertThat(rates.path("messagesPerSecond").asDouble()).isEqualTo(2.0);
                assertThat(rates.path("recent")).hasSize(2);
            });
        }
    }

    @Test
    void badRequestsGetClearJsonErrors() throws Exception {
        assertError(send(edgeA, "GET", "/api/clients/nobody-at-all"), 404, "nobody-at-all");
        assertError(send(edgeA, "GET", "/api/no-such-thing"), 404, "/api/no-such-thing");
        assertError(send(edgeA, "POST", "/api/edges"), 405, "GET");
        assertError(send(edgeA, "GET", "/api/clients?filter=user:"), 400, "user:");
        assertError(send(edgeA, "GET", "/api/clients?limit=0"), 400, "limit");
        assertError(send(edgeA, "GET", "/api/retained?filter=a/%23/b"), 400, "a/#/b");
        assertError(send(edgeA, "GET", "/api/retained/a/%2B"), 400, "wildcards");
        assertError(send(edgeA, "POST", "/api/edges/edge-z/drain"), 404, "edge-z");
        assertError(send(edgeA, "GET", "/api/retained/no/such/topic"), 404, "no/such/topic");
    }

    @Test
    void theOpenApiDocumentDescribesEveryPath() throws Exception {
        JsonNode document = get(edgeB, "/api/openapi.json");

        assertThat(document.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .contains(
                        "/api/edges",
                        "/api/edges/{id}/drain",
                        "/api/clients",
                        "/api/clients/{id}",
                        "/api/sessions/{id}",
                        "/api/retained",
                        "/api/retained/{topic}");
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    if (!operation.getKey().equals("parameters")) {
                        assertThat(operation.getValue().path("responses").has("401"))
                                .as("%s %s declares its 401", operation.getKey(), path.getKey())
                                .isTrue();
                    }
                }));
    }

    @Test
    void theOldAdminPathsStillAnswer() throws Exception {
        HttpResponse<String> clients = send(edgeA, "GET", "/admin/clients");

        assertThat(clients.statusCode()).isEqualTo(200);
        assertThat(clients.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    private static void assertError(HttpResponse<String> response, int status, String mentioned) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).contains(mentioned);
    }

    private static void publish(Mqtt5BlockingClient client, String topic, String payload) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    static Mqtt5BlockingClient client(String id, MqttEdge edge) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
    }

    static List<String> ids(JsonNode items) {
        return ids(items, "id");
    }

    static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    static JsonNode get(MqttEdge edge, String path) throws Exception {
        HttpResponse<String> response = send(edge, "GET", path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    static HttpResponse<String> send(MqttEdge edge, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
