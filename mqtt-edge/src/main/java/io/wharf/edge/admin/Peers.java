package io.wharf.edge.admin;

import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The other live edges, from their heartbeats, and one request sent to all of them at once: each
 * edge's answer or the reason it gave none.
 */
final class Peers {

    /** One edge's outcome of a request sent to all: its answer, or its failure. */
    record Outcome(String edge, PeerAdmin.Answer answer, PeerFailure failure) {}

    private final String selfId;
    private final Supplier<Map<String, EdgeHeartbeat>> liveEdges;
    private final PeerAdmin admin;
    private final String authorization;

    Peers(String selfId, Supplier<Map<String, EdgeHeartbeat>> liveEdges, PeerAdmin admin) {
        this(selfId, liveEdges, admin, null);
    }

    private Peers(
            String selfId, Supplier<Map<String, EdgeHeartbeat>> liveEdges, PeerAdmin admin, String authorization) {
        this.selfId = selfId;
        this.liveEdges = liveEdges;
        this.admin = admin;
        this.authorization = authorization;
    }

    /** The same peers, asked with the operator's {@code Authorization} header (null: none). */
    Peers askedWith(String operatorAuthorization) {
        return new Peers(selfId, liveEdges, admin, operatorAuthorization);
    }

    /** Every live edge's newest heartbeat, this one's included once it has read one. */
    Map<String, EdgeHeartbeat> live() {
        return liveEdges.get();
    }

    CompletableFuture<PeerAdmin.Answer> send(EdgeHeartbeat edge, String method, String path) {
        return admin.send(edge.edgeId(), edge.httpAddress(), method, path, authorization);
    }

    /** Sends the request to every other live edge; completes when each has answered or failed. */
    CompletableFuture<List<Outcome>> sendToAll(String method, String path) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        live().forEach((edgeId, heartbeat) -> {
            if (!edgeId.equals(selfId)) {
                outcomes.add(send(heartbeat, method, path)
                        .handle((answer, error) -> error == null
                                ? new Outcome(edgeId, answer, null)
                                : new Outcome(edgeId, null, failure(edgeId, error))));
            }
        });
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(
                        done -> outcomes.stream().map(CompletableFuture::join).toList());
    }

    static PeerFailure failure(String edgeId, Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof PeerAdmin.PeerException peer) {
            return peer.failure();
        }
        return new PeerFailure(edgeId, 502, cause.toString());
    }

    /** The failures among outcomes, plus those answers that were errors of the peer itself. */
    static List<PeerFailure> failures(List<Outcome> outcomes) {
        List<PeerFailure> failures = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.failure() != null) {
                failures.add(outcome.failure());
            } else if (outcome.answer().status() >= 500) {
                failures.add(new PeerFailure(
                        outcome.edge(),
                        502,
                        "answered " + outcome.answer().status() + ": "
                                + outcome.answer().body()));
            }
        }
        return failures;
    }
}
