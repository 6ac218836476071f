package io.wharf.edge.admin;

import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The cluster-wide admin API: every edge answers for the whole cluster.
 *
 * <p>An edge answers for another by asking it over its HTTP port ({@code /api/local/...}; the
 * address travels in the heartbeats), rather than by a command record in Kafka that the owning
 * edge acts on. Asking directly gives the operator the other edge's own answer (was the client
 * there, is its session stored) in milliseconds and says at once which edge did not answer; a
 * command topic would need a reply channel, a consumer on every edge and correlation, and a
 * command for an edge that is gone would wait in the topic to act on a later process of the same
 * node id. What every edge knows alike (the edges from their heartbeats, the session directory,
 * the retained messages) is answered from here, and changes to the compacted topics (removing a
 * session, clearing a retained message) are written from here.
 *
 * <p>Nothing here blocks: answers are futures, completed on the HTTP client's or Kafka's threads.
 */
public final class ClusterAdmin {

    private final LocalAdmin local;
    private final Peers peers;
    private final Supplier<Map<String, SessionEntry>> sessions;
    private final AdminWrites writes;
    private final Runnable drainSelf;
    private final AuthAdmin auth;
    private final TopicRates topicRates;

    /**
     * @param liveEdges the newest heartbeat of each live edge, by node id
     * @param sessions the session directory's entries, by client id
     * @param drainSelf drains this edge (and stops it once drained), returning at once
     * @param topicRates the router's analytics as this edge read them (every edge reads them all)
     */
    public ClusterAdmin(
            LocalAdmin local,
            Supplier<Map<String, EdgeHeartbeat>> liveEdges,
            Supplier<Map<String, SessionEntry>> sessions,
            AdminWrites writes,
            PeerAdmin peerAdmin,
            Runnable drainSelf,
            ClusterAuth auth,
            TopicRates topicRates) {
        this.local = local;
        this.peers = new Peers(local.edgeId(), liveEdges, peerAdmin);
        this.sessions = sessions;
        this.writes = writes;
        this.drainSelf = drainSelf;
        this.auth = new AuthAdmin(auth);
        this.topicRates = topicRates;
    }

    /**
     * The answer to one request.
     *
     * @param authorization the operator's {@code Authorization} header, or null; the other edges
     *     are asked with it, so that each checks the operator's own credentials
     * @throws BadRequestException for a bad filter or limit
     */
    public CompletableFuture<ApiResponse> answer(AdminRoute route, String authorization) {
        return answer(route, "", authorization);
    }

    /** @param body the request's body (JSON), empty for none */
    public CompletableFuture<ApiResponse> answer(AdminRoute route, String body, String authorization) {
        Peers peers = this.peers.askedWith(authorization);
        ClusterClients clients = new ClusterClients(local, peers, sessions, writes);
        Map<String, String> query = route.query();
        String target = route.target();
        return switch (route.operation()) {
            case EDGES -> edges(peers);
            case DRAIN_EDGE -> drain(peers, target);
            case CLIENTS -> clients.find(ClientFilter.parse(query.get("filter")), Limit.parse(query.get("limit")));
            case CLIENT -> clients.describe(target);
            case KICK_CLIENT -> clients.kick(target);
            case REMOVE_SESSION -> clients.removeSession(target);
            case RETAINED ->
                done(ApiResponse.ok(
                        local.retained(retainedFilter(query.get("filter")), Limit.parse(query.get("limit")))));
            case RETAINED_MESSAGE ->
                done(local.retainedMessage(topic(target))
                        .map(ApiResponse::ok)
                        .orElseGet(() -> ApiResponse.notFound("no retained message on topic " + target)));
            case DELETE_RETAINED -> deleteRetained(topic(target));
            case TOPICS -> done(ApiResponse.ok(new Listing<>(topicRates.all(), false, List.of())));
            case OPENAPI -> done(ApiResponse.ok(OpenApiDocument.text()));
            case LOCAL_EDGE -> done(ApiResponse.ok(local.edge()));
            case LOCAL_CLIENTS ->
                done(ApiResponse.ok(
                        local.clients(ClientFilter.parse(query.get("filter")), Limit.parse(query.get("limit")))));
            case LOCAL_CLIENT ->
                local.client(target)
                        .thenApply(view -> view.map(ApiResponse::ok)
                                .orElseGet(() ->
                                        ApiResponse.notFound("client " + target + " is not connected to this edge")));
            case LOCAL_KICK ->
                local.kick(target)
                        .thenApply(kicked -> kicked
                                ? ApiResponse.ok(Map.of("clientId", target, "edge", local.edgeId(), "kicked", true))
                                : ApiResponse.notFound("client " + target + " is not connected to this edge"));
            case USERS -> auth.users();
            case PUT_USER -> auth.putUser(target, body);
            case DELETE_USER -> auth.deleteUser(target);
            case RULES -> auth.rules();
            case ADD_RULE -> auth.addRule(body, query);
            case DELETE_RULE -> auth.deleteRule(body, query);
        };
    }

    private CompletableFuture<ApiResponse> edges(Peers peers) {
        Map<String, EdgeHeartbeat> live = peers.live();
        List<CompletableFuture<EdgeView>> views = new ArrayList<>();
        EdgeHeartbeat own = live.get(local.edgeId());
        EdgeView self = local.edge();
        views.add(CompletableFuture.completedFuture(own == null ? self : self.withLastHeartbeat(own.sentAt())));
        List<PeerFailure> failures = new CopyOnWriteArrayList<>();
        live.forEach((edgeId, heartbeat) -> {
            if (!edgeId.equals(local.edgeId())) {
                views.add(peers.send(heartbeat, "GET", "/api/local/edge").handle((answer, error) -> {
                    if (error == null && answer.status() == 200) {
                        return AdminJson.read(answer.body(), EdgeView.class).withLastHeartbeat(heartbeat.sentAt());
                    }
                    PeerFailure failure = error != null
                            ? Peers.failure(edgeId, error)
                            : new PeerFailure(edgeId, 502, "answered " + answer.status());
                    failures.add(failure);
                    return unreachable(heartbeat, failure.error());
                }));
            }
        });
        return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<EdgeView> all = views.stream()
                    .map(CompletableFuture::join)
                    .sorted(Comparator.comparing(EdgeView::id))
                    .toList();
            return ApiResponse.ok(new Listing<>(all, false, List.copyOf(failures)));
        });
    }

    private static EdgeView unreachable(EdgeHeartbeat heartbeat, String error) {
        return new EdgeView(
                heartbeat.edgeId(),
                heartbeat.startedAt(),
                heartbeat.mqttAddress(),
                heartbeat.httpAddress(),
                null,
                Duration.between(heartbeat.startedAt(), Instant.now()).toSeconds(),
                EdgeView.UNREACHABLE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                heartbeat.sentAt(),
                error);
    }

    private CompletableFuture<ApiResponse> drain(Peers peers, String edgeId) {
        Map<String, Object> draining = Map.of("edge", edgeId, "state", EdgeView.DRAINING);
        if (edgeId.equals(local.edgeId())) {
            drainSelf.run();
            return done(new ApiResponse(202, draining));
        }
        EdgeHeartbeat heartbeat = peers.live().get(edgeId);
        if (heartbeat == null) {
            return done(ApiResponse.notFound("no live edge " + edgeId + " (GET /api/edges lists them)"));
        }
        return peers.send(heartbeat, "POST", "/admin/drain").handle((answer, error) -> {
            if (error == null && answer.status() == 202) {
                return new ApiResponse(202, draining);
            }
            PeerFailure failure = error != null
                    ? Peers.failure(edgeId, error)
                    : new PeerFailure(edgeId, 502, "answered " + answer.status() + ": " + answer.body());
            return ApiResponse.unanswered("drain of " + edgeId, List.of(failure));
        });
    }

    private CompletableFuture<ApiResponse> deleteRetained(String topic) {
        if (local.retainedMessage(topic).isEmpty()) {
            return done(ApiResponse.notFound("no retained message on topic " + topic));
        }
        return writes.clearRetained(topic)
                .thenApply(cleared -> ApiResponse.ok(Map.of("topic", topic, "deleted", true)));
    }

    /** A filter of retained topics; all of them when none is given. */
    static TopicFilter retainedFilter(String text) {
        try {
            return TopicFilter.parse(text == null || text.isEmpty() ? "#" : text);
        } catch (InvalidTopicException e) {
            throw new BadRequestException("not a topic filter: '" + text + "' (" + e.getMessage() + ")");
        }
    }

    /** One topic name: no wildcards. */
    static String topic(String text) {
        if (text.contains("+") || text.contains("#")) {
            throw new BadRequestException(
                    "a topic name has no wildcards: '" + text + "' (GET /api/retained?filter= takes filters)");
        }
        retainedFilter(text);
        return text;
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
