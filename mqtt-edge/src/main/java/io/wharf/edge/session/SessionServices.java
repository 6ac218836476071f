package io.wharf.edge.session;

import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.LogTimeIndex;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.log.RetainedMessages;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.shared.SharedGroups;
import java.time.Clock;

/**
 * What every session of an edge uses: where subscriptions are registered, the live feed, the log
 * reader for catching up, the log's time index for replays, the retained messages, where sessions
 * are stored, and the groups of shared subscriptions.
 *
 * @param catchUpBatch how many records one catch-up read asks for
 * @param checkpointIntervalMs how often a connected session's progress is stored, at most
 * @param clock the time message expiry and replays count with (a test's own, to need no sleeps)
 */
public record SessionServices(
        SubscriptionRegistry registry,
        MessageFeed feed,
        LogReader reader,
        LogTimeIndex timeIndex,
        RetainedMessages retained,
        SessionStore store,
        EdgeMetrics metrics,
        SharedGroups shared,
        int catchUpBatch,
        long checkpointIntervalMs,
        Clock clock) {}
