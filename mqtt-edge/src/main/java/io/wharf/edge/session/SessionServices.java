package io.wharf.edge.session;

import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.log.RetainedMessages;

/**
 * What every session of an edge uses: where subscriptions are registered, the live feed, the log
 * reader for catching up, and the retained messages.
 *
 * @param catchUpBatch how many records one catch-up read asks for
 */
public record SessionServices(
    SubscriptionRegistry registry,
    MessageFeed feed,
    LogReader reader,
    RetainedMessages retained,
    int catchUpBatch) {}
