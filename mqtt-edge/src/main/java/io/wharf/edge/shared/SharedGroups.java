package io.wharf.edge.shared;

import java.util.concurrent.CompletableFuture;

/**
 * Where the sessions of an edge join and leave shared subscriptions. Each shared subscription is
 * one group across the cluster; every message published to its filter goes to one member of it.
 */
public interface SharedGroups {

    /**
     * Adds a member. The future completes once every message published from now on whose topic
     * matches will reach one member of the shared subscription (this one or another, on any edge).
     */
    CompletableFuture<Void> join(SharedSubscription subscription, SharedMember member);

    /** Removes a member; what it still holds unsettled it settles itself. */
    void leave(SharedSubscription subscription, SharedMember member);

    /** A member that refused deliveries (its window was full) can take more now. */
    void hasRoom(SharedMember member);
}
