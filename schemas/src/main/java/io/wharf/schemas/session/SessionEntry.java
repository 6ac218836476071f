package io.wharf.schemas.session;

import java.time.Instant;

/**
 * What the session directory knows of one client id: the latest claim, its owner and the newest
 * state that counts under it.
 *
 * @param claimEpoch offset of the latest claim
 * @param ownerDisconnected the owner's client has disconnected (the owner wrote so)
 * @param previousOwner the owner before the latest claim, or null
 * @param previousEpoch the claim epoch of that owner, or -1
 * @param previousPending the previous owner still had the client connected when the latest claim
 *     came, and has not handed over its final state yet
 * @param ownerIncarnation when the owner's edge process started, or null if its claim did not say
 * @param previousIncarnation the same for the previous owner
 */
public record SessionEntry(
        long claimEpoch,
        String owner,
        SessionState state,
        boolean ownerDisconnected,
        String previousOwner,
        long previousEpoch,
        boolean previousPending,
        Instant ownerIncarnation,
        Instant previousIncarnation) {

    public SessionEntry withState(SessionState newState, boolean disconnected) {
        return new SessionEntry(
                claimEpoch,
                owner,
                newState,
                disconnected,
                previousOwner,
                previousEpoch,
                previousPending,
                ownerIncarnation,
                previousIncarnation);
    }

    /** The previous owner's final state has arrived. */
    public SessionEntry handedOver(SessionState finalState) {
        return new SessionEntry(
                claimEpoch,
                owner,
                finalState,
                ownerDisconnected,
                previousOwner,
                previousEpoch,
                false,
                ownerIncarnation,
                previousIncarnation);
    }
}
