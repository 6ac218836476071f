package io.wharf.edge.session;

import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.shared.SharedGroups;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A session's shared subscriptions: the groups it is a member of, and whether it refused a group's
 * message for lack of room (the groups then hear when there is room again). The messages of those
 * groups in flight to the client are the {@link Outbox}'s. Used on the session's event loop only.
 */
final class SharedMemberships {

    private final SharedGroups groups;
    private final SharedMember member;
    private final Map<SharedSubscription, SubscriptionOptions> subscriptions = new LinkedHashMap<>();
    private boolean refusedSome;

    SharedMemberships(SharedGroups groups, SharedMember member) {
        this.groups = groups;
        this.member = member;
    }

    /** A subscription of a stored session; it joins its group when the session resumes. */
    void restore(SharedSubscription subscription, SubscriptionOptions options) {
        subscriptions.put(subscription, options);
    }

    CompletableFuture<Void> subscribe(SharedSubscription subscription, SubscriptionOptions options) {
        boolean isNew = subscriptions.put(subscription, options) == null;
        return isNew ? groups.join(subscription, member) : CompletableFuture.completedFuture(null);
    }

    boolean unsubscribe(SharedSubscription subscription) {
        if (subscriptions.remove(subscription) == null) {
            return false;
        }
        groups.leave(subscription, member);
        return true;
    }

    int count() {
        return subscriptions.size();
    }

    /** The options of a subscription the session holds, or null. */
    SubscriptionOptions options(SharedSubscription subscription) {
        return subscriptions.get(subscription);
    }

    /** A resumed session takes its share again, on whatever edge it is now. */
    void rejoin() {
        subscriptions.keySet().forEach(subscription -> groups.join(subscription, member));
    }

    /** The connection closed: the session leaves its groups. */
    void leave() {
        subscriptions.keySet().forEach(subscription -> groups.leave(subscription, member));
    }

    /** Adds the subscriptions, as the client wrote them, to what the session stores. */
    void storeInto(Map<String, SubscriptionOptions> stored) {
        subscriptions.forEach((subscription, options) -> stored.put(subscription.text(), options));
    }

    /** The session refused a group's message because the client could not take it. */
    void refusedForLackOfRoom() {
        refusedSome = true;
    }

    /** The window has room again: the groups that met a full one may offer more. */
    void roomAgain() {
        if (refusedSome) {
            refusedSome = false;
            groups.hasRoom(member);
        }
    }
}
