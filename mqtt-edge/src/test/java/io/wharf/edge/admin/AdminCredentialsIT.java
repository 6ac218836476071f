package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.UserDirectory;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.Json;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin credentials on a real two-edge cluster, asked over real HTTP. */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class AdminCredentialsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "it-admin-token-" + UUID.randomUUID();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final List<MqttEdge> edges = new ArrayList<>();
    private static MqttEdge edgeA;
    private static MqttEdge edgeB;

    @BeforeAll
    static void startCluster(TestKafka kafka) {
        WharfTopics topics =
                new WharfTopics("creds-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(
                kafka.bootstrapServers(), Map.of(), topics, TopicLayout.defaults(), List.of(), Duration.ofSeconds(30));
        PasswordFile users = PasswordFile.parse(
                List.of(
                        "root:" + hash("root-secret"),
                        "alice:" + hash("alice-secret"),
                        PasswordFile.GROUP_PREFIX + "admin: root"),
                "test");
        AdminCredentials credentials = new AdminCredentials(Optional.of(TOKEN), Optional.of(new UserDirectory(users)));
        for (String id : List.of("edge-a", "edge-b")) {
            edges.add(MqttEdge.start(EdgeSettings.forLocalKafka(id, kafka.bootstrapServers(), topics).toBuilder()
                    .adminAccess(credentials)
                    .build()));
        }
        edgeA = edges.get(0);
        edgeB = edges.get(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(servingEdges(edgeA)).containsExactly("edge-a", "edge-b"));
    }

    @AfterAll
    static void stopCluster() {
        edges.forEach(MqttEdge::close);
    }

    @Test
    void withoutCredentialsTheApiAndTheAdminCommandsAnswer401WithAChallenge() throws Exception {
        for (String path : List.of("/api/edges", "/api/openapi.json", "/admin/clients")) {
            HttpResponse<String> response = send(edgeA, "GET", path, null, Map.of());
            assertUnauthorized(response);
            assertThat(response.headers().firstValue("www-authenticate"))
                    .hasValueSatisfying(
                            challenge -> assertThat(challenge).contains("Basic").contains("Bearer"));
        }
        assertUnauthorized(send(edgeA, "POST", "/admin/drain", null, Map.of()));
        assertThat(edgeA.isReady()).isTrue();
    }

    @Test
    void aScriptInAPageIsChallengedWithBearerOnlySoNoBrowserDialogOpens() throws Exception {
        HttpResponse<String> response = send(edgeA, "GET", "/api/edges", null, Map.of("X-Requested-With", "fetch"));
        assertUnauthorized(response);
        assertThat(response.headers().firstValue("www-authenticate"))
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer").doesNotContain("Basic"));
    }

    @Test
    void aWrongTokenOrANonAdminUserIsRefused() throws Exception {
        assertUnauthorized(send(edgeA, "GET", "/api/edges", "Bearer " + TOKEN + "-wrong", Map.of()));
        assertUnauthorized(send(edgeA, "GET", "/api/edges", basic("root", "wrong"), Map.of()));
        assertUnauthorized(send(edgeA, "GET", "/api/edges", basic("alice", "alice-secret"), Map.of()));
    }

    @Test
    void theTokenAndAnAdminUserAreLetInAndTheOtherEdgeAcceptsTheForwardedCredentials() throws Exception {
        // Both edges serving in the listing means edge-b answered edge-a's forwarded request.
        assertThat(servingEdges(edgeA)).containsExactly("edge-a", "edge-b");
        HttpResponse<String> byUser = send(edgeB, "GET", "/api/edges", basic("root", "root-secret"), Map.of());
        assertThat(byUser.statusCode()).as(byUser.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(byUser.body()).path("unanswered")).isEmpty();
        HttpResponse<String> document = send(edgeA, "GET", "/api/openapi.json", "Bearer " + TOKEN, Map.of());
        assertThat(Json.MAPPER
                        .readTree(document.body())
                        .path("components")
                        .path("securitySchemes")
                        .path("adminToken")
                        .path("scheme")
                        .asText())
                .isEqualTo("bearer");
    }

    @Test
    void aClientOnTheOtherEdgeIsListedThroughAPeerForwardedRequest() throws Exception {
        Mqtt5BlockingClient client = ClusterAdminIT.client("guarded-on-b", edgeB);
        client.connect();
        try {
            for (String authorization : List.of("Bearer " + TOKEN, basic("root", "root-secret"))) {
                HttpResponse<String> response =
                        send(edgeA, "GET", "/api/clients?filter=guarded-", authorization, Map.of());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode items = Json.MAPPER.readTree(response.body()).path("items");
                assertThat(ClusterAdminIT.ids(items, "clientId")).containsExactly("guarded-on-b");
                assertThat(items.get(0).path("edge").asText()).isEqualTo("edge-b");
            }
        } finally {
            client.disconnect();
        }
    }

    @Test
    void healthAndMetricsStayOpen() throws Exception {
        for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
            assertThat(send(edgeA, "GET", path, null, Map.of()).statusCode()).isEqualTo(200);
        }
    }

    private static List<String> servingEdges(MqttEdge edge) throws Exception {
        HttpResponse<String> response = send(edge, "GET", "/api/edges", "Bearer " + TOKEN, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> serving = new ArrayList<>();
        Json.MAPPER.readTree(response.body()).path("items").forEach(item -> {
            if (item.path("state").asText().equals("serving")) {
                serving.add(item.path("id").asText());
            }
        });
        return serving;
    }

    private static void assertUnauthorized(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(401);
        assertThat(body.path("error").asText()).contains("credentials");
    }

    private static HttpResponse<String> send(
            MqttEdge edge, String method, String path, String authorization, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String password) {
        return PasswordHash.pbkdf2(password.getBytes(StandardCharsets.UTF_8), 101, new SecureRandom())
                .encoded();
    }
}
