package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Answers that depend on another edge that does not answer: they name it, and never hang. */
@Timeout(30)
class ClusterAdminTest {

    private static final Instant STARTED = Instant.now();

    private final PeerAdmin peers = new PeerAdmin(Duration.ofMillis(300));
    /** Accepts connections and never answers. */
    private ServerSocket silent;

    private String closedAddress;

    @BeforeEach
    void openPorts() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedAddress = "127.0.0.1:" + closed.getLocalPort();
        }
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        peers.close();
    }

    @Test
    void aClientLookupThatAnEdgeCannotAnswerIsA502NamingIt() {
        ApiResponse answer = admin(Map.of("edge-b", heartbeat("edge-b", closedAddress)))
                .answer(route("GET", "/api/clients/somebody"), null)
                .join();

        assertThat(answer.status()).isEqualTo(502);
        ApiError error = (ApiError) answer.body();
        assertThat(error.error()).contains("edge-b");
        assertThat(error.unanswered()).extracting(PeerFailure::edge).containsExactly("edge-b");
    }

    @Test
    void aKickThatAnEdgeLetsTimeOutIsA504NamingIt() {
        String silentAddress = "127.0.0.1:" + silent.getLocalPort();

        ApiResponse answer = admin(Map.of("edge-c", heartbeat("edge-c", silentAddress)))
                .answer(route("DELETE", "/api/clients/somebody"), null)
                .join();

        assertThat(answer.status()).isEqualTo(504);
        assertThat(((ApiError) answer.body()).error()).contains("edge-c");
    }

    @Test
    void anEdgeThatDoesNotAnswerIsListedAsUnreachableWithTheOthers() {
        @SuppressWarnings("unchecked")
        Listing<EdgeView> edges = (Listing<EdgeView>) admin(Map.of("edge-b", heartbeat("edge-b", closedAddress)))
                .answer(route("GET", "/api/edges"), null)
                .join()
                .body();

        assertThat(edges.items()).extracting(EdgeView::id).containsExactly("edge-a", "edge-b");
        assertThat(edges.items()).extracting(EdgeView::state).containsExactly("serving", "unreachable");
        assertThat(edges.unanswered()).extracting(PeerFailure::edge).containsExactly("edge-b");
    }

    @Test
    void aClientSearchKeepsWhatTheOtherEdgesAnsweredAndNamesTheSilentOne() {
        @SuppressWarnings("unchecked")
        Listing<ClientView> found = (Listing<ClientView>) admin(Map.of("edge-b", heartbeat("edge-b", closedAddress)))
                .answer(route("GET", "/api/clients?filter=x"), null)
                .join()
                .body();

        assertThat(found.items()).isEmpty();
        assertThat(found.unanswered()).extracting(PeerFailure::edge).containsExactly("edge-b");
    }

    @Test
    void anEdgeWhoseHeartbeatsCarryNoHttpAddressCannotBeDrainedFromHereAndSaysWhy() {
        ApiResponse answer = admin(Map.of("edge-old", heartbeat("edge-old", null)))
                .answer(route("POST", "/api/edges/edge-old/drain"), null)
                .join();

        assertThat(answer.status()).isEqualTo(502);
        assertThat(((ApiError) answer.body()).unanswered().get(0).error()).contains("no HTTP address");
    }

    private ClusterAdmin admin(Map<String, EdgeHeartbeat> others) {
        LocalAdmin local = new LocalAdmin(
                new EdgeIdentity("edge-a", STARTED, "127.0.0.1:1883", () -> "127.0.0.1:8080", "test"),
                new ConnectedClients(),
                new RetainedIndex(),
                () -> false,
                () -> true,
                () -> new MessageTotals(0, 0),
                new MessageRates(() -> new MessageTotals(0, 0)),
                () -> 0L,
                next -> CompletableFuture.completedFuture(0L));
        AdminWrites writes = new AdminWrites() {
            @Override
            public CompletableFuture<Void> removeSession(String clientId) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> clearRetained(String topic) {
                return CompletableFuture.completedFuture(null);
            }
        };
        return new ClusterAdmin(
                local, () -> others, Map::of, writes, peers, () -> {}, null, new TopicRates()); // no users asked for
    }

    private static AdminRoute route(String method, String uri) {
        return AdminRoute.parse(method, uri).route();
    }

    private static EdgeHeartbeat heartbeat(String edge, String httpAddress) {
        return EdgeHeartbeat.of(edge, "127.0.0.1:1883", STARTED, Instant.now(), 2000, httpAddress);
    }
}
