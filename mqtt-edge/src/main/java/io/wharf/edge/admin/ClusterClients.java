package io.wharf.edge.admin;

import io.wharf.schemas.session.SessionEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Clients and sessions across the cluster. A connection lives on one edge only, so each question is
 * sent to every live edge at once and the answers are put together: this needs no index of who
 * holds which connection, which the session directory gives only for sessions it has been told of
 * (and a kick must reach a client wherever it is, also in the moment it moves). Disconnected
 * sessions come from the session directory, which every edge holds whole.
 */
final class ClusterClients {

    private final LocalAdmin local;
    private final Peers peers;
    private final Supplier<Map<String, SessionEntry>> sessions;
    private final AdminWrites writes;

    ClusterClients(LocalAdmin local, Peers peers, Supplier<Map<String, SessionEntry>> sessions, AdminWrites writes) {
        this.local = local;
        this.peers = peers;
        this.sessions = sessions;
        this.writes = writes;
    }

    /** Connected clients on every edge, and disconnected sessions, that match the filter. */
    CompletableFuture<ApiResponse> find(ClientFilter filter, Limit limit) {
        String path = "/api/local/clients?filter=" + encode(filter.text()) + "&limit=" + limit.value();
        return peers.sendToAll("GET", path).thenApply(outcomes -> {
            List<ClientView> found =
                    new ArrayList<>(local.clients(filter, limit).items());
            boolean truncated = false;
            for (Peers.Outcome outcome : outcomes) {
                if (outcome.answer() != null && outcome.answer().status() == 200) {
                    Listing<ClientView> part = AdminJson.read(outcome.answer().body(), AdminJson.CLIENT_LISTING);
                    found.addAll(part.items());
                    truncated |= part.truncated();
                }
            }
            List<PeerFailure> failures = Peers.failures(outcomes);
            found.addAll(disconnectedSessions(filter, found, failures));
            Listing<ClientView> listing = limit.cut(found, Comparator.comparing(ClientView::clientId));
            return ApiResponse.ok(new Listing<>(listing.items(), truncated || listing.truncated(), failures));
        });
    }

    /** The sessions of the directory whose clients are connected nowhere that answered. */
    private List<ClientView> disconnectedSessions(
            ClientFilter filter, List<ClientView> connected, List<PeerFailure> failures) {
        if (filter.by() != ClientFilter.By.CLIENT_ID_PREFIX) {
            return List.of(); // a disconnected session has no user or address to match
        }
        Set<String> skip = new HashSet<>();
        connected.forEach(view -> skip.add(view.clientId()));
        Set<String> silentEdges = new HashSet<>();
        failures.forEach(failure -> silentEdges.add(failure.edge()));
        List<ClientView> views = new ArrayList<>();
        sessions.get().forEach((clientId, entry) -> {
            if (!skip.contains(clientId)
                    && filter.matches(clientId, null, null)
                    && !silentEdges.contains(entry.owner())
                    && isDisconnected(entry)) {
                views.add(LocalAdmin.sessionView(clientId, entry));
            }
        });
        return views;
    }

    private boolean isDisconnected(SessionEntry entry) {
        return entry.ownerDisconnected()
                || (entry.state() != null && entry.state().disconnectedAt() != null)
                || (!entry.owner().equals(local.edgeId()) && !peers.live().containsKey(entry.owner()));
    }

    /** One client, wherever it is connected, or its session when it is connected nowhere. */
    CompletableFuture<ApiResponse> describe(String clientId) {
        return local.client(clientId)
                .thenCompose(
                        here -> here.isPresent() ? answered(ApiResponse.ok(here.get())) : describeElsewhere(clientId));
    }

    private CompletableFuture<ApiResponse> describeElsewhere(String clientId) {
        return peers.sendToAll("GET", "/api/local/clients/" + encode(clientId)).thenCompose(outcomes -> {
            for (Peers.Outcome outcome : outcomes) {
                if (outcome.answer() != null && outcome.answer().status() == 200) {
                    return answered(
                            ApiResponse.ok(AdminJson.read(outcome.answer().body(), ClientView.class)));
                }
            }
            List<PeerFailure> failures = Peers.failures(outcomes);
            if (!failures.isEmpty()) {
                return answered(ApiResponse.unanswered("client " + clientId + " may be connected there", failures));
            }
            SessionEntry entry = sessions.get().get(clientId);
            return entry == null
                    ? answered(ApiResponse.notFound("no client or session " + clientId))
                    : local.storedSession(clientId, entry).thenApply(ApiResponse::ok);
        });
    }

    private static CompletableFuture<ApiResponse> answered(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /** Disconnects the client wherever it is connected. */
    CompletableFuture<ApiResponse> kick(String clientId) {
        return kickEverywhere(clientId).thenApply(kicked -> {
            if (kicked.response() != null) {
                return kicked.response();
            }
            if (kicked.edge() != null) {
                return ApiResponse.ok(Map.of("clientId", clientId, "edge", kicked.edge(), "kicked", true));
            }
            String session = sessions.get().containsKey(clientId)
                    ? " (its session is kept: DELETE /api/sessions/" + clientId + " removes it)"
                    : "";
            return ApiResponse.notFound("client " + clientId + " is not connected" + session);
        });
    }

    /** Disconnects the client if connected, then removes its session. */
    CompletableFuture<ApiResponse> removeSession(String clientId) {
        return kickEverywhere(clientId).thenCompose(kicked -> {
            if (kicked.response() != null) {
                return answered(kicked.response());
            }
            if (kicked.edge() == null && !sessions.get().containsKey(clientId)) {
                return answered(ApiResponse.notFound("no session " + clientId));
            }
            return writes.removeSession(clientId)
                    .thenApply(done -> ApiResponse.ok(Map.of("clientId", clientId, "removed", true)));
        });
    }

    /** Where a kick found the client (null: nowhere), or the answer to give when an edge did not say. */
    private record Kicked(String edge, ApiResponse response) {}

    private CompletableFuture<Kicked> kickEverywhere(String clientId) {
        CompletableFuture<Boolean> here = local.kick(clientId);
        CompletableFuture<List<Peers.Outcome>> there =
                peers.sendToAll("DELETE", "/api/local/clients/" + encode(clientId));
        return here.thenCombine(there, (kickedHere, outcomes) -> {
            if (kickedHere) {
                return new Kicked(local.edgeId(), null);
            }
            for (Peers.Outcome outcome : outcomes) {
                if (outcome.answer() != null && outcome.answer().status() == 200) {
                    return new Kicked(outcome.edge(), null);
                }
            }
            List<PeerFailure> failures = Peers.failures(outcomes);
            return failures.isEmpty()
                    ? new Kicked(null, null)
                    : new Kicked(
                            null, ApiResponse.unanswered("client " + clientId + " may be connected there", failures));
        });
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
