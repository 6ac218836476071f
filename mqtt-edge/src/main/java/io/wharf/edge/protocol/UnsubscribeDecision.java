package io.wharf.edge.protocol;

import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.TopicFilter;

/** What to do with one topic filter of an UNSUBSCRIBE. */
sealed interface UnsubscribeDecision {

    /** Remove the session's subscription to {@code filter}, if it has one. */
    record Unsubscribe(TopicFilter filter) implements UnsubscribeDecision {}

    /** Leave the shared subscription's group, if the session is in it. */
    record LeaveShared(SharedSubscription subscription) implements UnsubscribeDecision {}

    /** Stop the replay subscribed with exactly this text, if there is one. */
    record StopReplay(String text) implements UnsubscribeDecision {}

    /** Not a valid topic filter: UNSUBACK 0x8F for it. */
    enum Invalid implements UnsubscribeDecision {
        INSTANCE
    }
}
