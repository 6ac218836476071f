package io.wharf.edge.delivery;

import io.wharf.edge.message.LoggedMessage;
import java.util.List;

/** Someone on this edge who receives messages: a connected client's session. */
public interface Subscriber {

  /**
   * Hands over one message and every subscription of this subscriber that matched it. Called on
   * the feed's thread: implementations pass the work to their own thread and return at once.
   */
  void deliver(LoggedMessage message, List<SubscriptionOptions> matched);
}
