package io.wharf.edge.session;

import io.wharf.schemas.message.ApplicationMessage;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where sessions live between (and during) connections, and who owns each. One connection owns a
 * session at a time: {@link #claim} makes this edge's new connection the owner, and every write
 * carries the claim, so that a write of an older owner never counts.
 */
public interface SessionStore {

    /**
     * Takes a session over for a new connection on this edge.
     *
     * @param cleanStart discard any stored session and start empty
     * @return the claim, with the state to continue from (empty for a new session); fails with
     *     {@link SessionTakenOverException} when a later connection claimed it meanwhile
     */
    CompletableFuture<SessionClaim> claim(String clientId, boolean cleanStart);

    /** Stores the state of an owned session while its client is connected; completes when durable. */
    CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot);

    /**
     * Stores a message the client published and the session state that records its QoS 2 packet id,
     * both or neither, so that a re-sent PUBLISH after a crash is recognised instead of stored twice.
     */
    CompletableFuture<Void> checkpointWithMessage(
            SessionClaim claim, SessionSnapshot snapshot, ApplicationMessage message);

    /**
     * Makes the next {@link #release} of this claim wait for {@code recordedIds}: session states still
     * being written with messages, which must precede it in the log. It then keeps the packet ids
     * those that committed record.
     */
    void releaseAfter(SessionClaim claim, CompletableFuture<Set<Integer>> recordedIds);

    /**
     * The connection ended: stores the session's final state for the next connection, or ends the
     * session when {@code snapshot} is null.
     */
    CompletableFuture<Void> release(SessionClaim claim, SessionSnapshot snapshot);

    /** Calls {@code onTakenOver} (on any thread) when a later connection claims the session. */
    void watch(SessionClaim claim, Runnable onTakenOver);
}
