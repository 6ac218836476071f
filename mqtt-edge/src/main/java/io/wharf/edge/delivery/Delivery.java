package io.wharf.edge.delivery;

import io.wharf.edge.message.LoggedMessage;
import java.util.List;

/** A message for one subscriber, and the subscriptions of that subscriber it matched. */
public record Delivery(LoggedMessage message, List<SubscriptionOptions> matched) {}
