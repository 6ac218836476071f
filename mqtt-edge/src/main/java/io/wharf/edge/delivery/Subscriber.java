package io.wharf.edge.delivery;

import java.util.List;
import java.util.concurrent.Executor;

/** Someone on this edge who receives messages: a connected client's session, or a replay of one. */
public interface Subscriber {

    /**
     * The thread this subscriber is used on (its connection's event loop). The feed hands all the
     * deliveries of one poll for the subscribers of one thread to it as one task.
     */
    Executor executor();

    /**
     * Takes up messages, in log order, each with every subscription of this subscriber that matched
     * it. Called on {@link #executor()}.
     */
    void takeUp(List<Delivery> deliveries);
}
