package io.wharf.edge.protocol;

import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.log.MessageLog;

/**
 * What the protocol handlers of every connection share: the log, the live feed, the registry of
 * subscriptions and connections, and the protocol settings.
 */
public record ProtocolServices(
    ProtocolSettings settings,
    MessageLog messageLog,
    MessageFeed messageFeed,
    SubscriptionRegistry subscriptions,
    ConnectedClients clients) {}
