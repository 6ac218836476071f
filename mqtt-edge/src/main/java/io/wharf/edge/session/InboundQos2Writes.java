package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The client's QoS 2 messages being stored together with the session state that records their
 * packet ids. Each goes in after any ordinary write of the state still under way, and holds the
 * ordinary writes back until it is over, so that no state without its id lands after it; when the
 * connection ends, the session's release waits for those still being written. Used on the
 * session's event loop only.
 */
final class InboundQos2Writes {

    private final SessionStore store;
    private final SessionClaim claim;
    private final EventExecutor executor;
    private final SessionCheckpoints checkpoints;
    private final InboundQos2 inboundQos2;
    private final Function<Set<Integer>, SessionSnapshot> snapshot;
    private final BooleanSupplier connected;
    /** Each yields the packet ids its committed state records. */
    private final List<CompletableFuture<Set<Integer>>> writing = new ArrayList<>();

    /** @param snapshot the session's state now, recording the given inbound ids */
    InboundQos2Writes(
            SessionStore store,
            SessionClaim claim,
            EventExecutor executor,
            SessionCheckpoints checkpoints,
            InboundQos2 inboundQos2,
            Function<Set<Integer>, SessionSnapshot> snapshot,
            BooleanSupplier connected) {
        this.store = store;
        this.claim = claim;
        this.executor = executor;
        this.checkpoints = checkpoints;
        this.inboundQos2 = inboundQos2;
        this.snapshot = snapshot;
        this.connected = connected;
    }

    /** Stores the message and the state recording every id received; completes on the event loop. */
    CompletableFuture<Void> store(ApplicationMessage message) {
        CompletableFuture<Set<Integer>> recorded = checkpoints
                .hold()
                .thenComposeAsync(
                        quiet -> {
                            if (!connected.getAsBoolean()) {
                                // The release is written already, without this id: the client sends it again.
                                return CompletableFuture.<Set<Integer>>failedFuture(
                                        new IllegalStateException("the connection ended"));
                            }
                            SessionSnapshot state = snapshot.apply(inboundQos2.allIds());
                            return store.checkpointWithMessage(claim, state, message)
                                    .thenApply(done -> state.inboundQos2());
                        },
                        executor);
        writing.add(recorded);
        return recorded.whenCompleteAsync(
                        (ids, error) -> {
                            writing.remove(recorded);
                            if (error == null) {
                                inboundQos2.recorded(
                                        ids); // before the next ordinary write, which the release below lets go
                            }
                            checkpoints.release();
                        },
                        executor)
                .thenApply(ids -> null);
    }

    /** The connection ended: its release waits for the writes still under way, and keeps their ids. */
    void connectionEnded() {
        if (writing.isEmpty()) {
            return;
        }
        Set<Integer> ids = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] settled = writing.stream()
                .map(write -> write.handle((recorded, error) -> error == null && ids.addAll(recorded)))
                .toArray(CompletableFuture[]::new);
        store.releaseAfter(claim, CompletableFuture.allOf(settled).thenApply(done -> Set.copyOf(ids)));
    }
}
