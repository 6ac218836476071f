package io.wharf.edge.delivery;

import java.util.List;

/** Someone on this edge who receives messages: a connected client's session. */
public interface Subscriber {

    /**
     * Hands over messages, in log order, each with every subscription of this subscriber that
     * matched it. Called on the feed's thread: implementations pass the work to their own thread (as
     * one task for the whole list) and return at once.
     */
    void deliver(List<Delivery> deliveries);
}
