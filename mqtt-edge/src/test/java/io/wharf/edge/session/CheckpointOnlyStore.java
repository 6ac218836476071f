package io.wharf.edge.session;

import io.wharf.schemas.message.ApplicationMessage;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A session store for tests of what a session writes: checkpoints only, the rest unused. */
abstract class CheckpointOnlyStore implements SessionStore {

    @Override
    public CompletableFuture<SessionClaim> claim(String clientId, boolean cleanStart) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> checkpointWithMessage(
            SessionClaim claim, SessionSnapshot snapshot, ApplicationMessage message) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void releaseAfter(SessionClaim claim, CompletableFuture<Set<Integer>> recordedIds) {}

    @Override
    public CompletableFuture<Void> release(SessionClaim claim, SessionSnapshot snapshot) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void watch(SessionClaim claim, Runnable onTakenOver) {}
}
