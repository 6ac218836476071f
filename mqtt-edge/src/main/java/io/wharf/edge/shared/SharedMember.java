package io.wharf.edge.shared;

/** A session on this edge that holds a shared subscription and takes its share of the messages. */
public interface SharedMember {

    /**
     * Offers one message of a shared subscription. Called on a group reader's thread:
     * implementations pass it to their own thread and return at once. The member settles the
     * delivery exactly once: it takes it (and later accepts or releases it) or refuses it.
     */
    void offerShared(SharedSubscription subscription, SharedDelivery delivery);
}
