package io.wharf.edge.protocol;

import io.wharf.schemas.topic.TopicFilter;
import java.util.List;

/**
 * Whether a client may subscribe to a filter. A refused subscription gets SUBACK 0x80 (MQTT 3.1.1)
 * or 0x87 Not authorized (MQTT 5). Whoever embeds the edge can pass its own; the {@code wharf}
 * command configures {@link #denying} with {@code --deny-subscribe}.
 */
@FunctionalInterface
public interface SubscribePermission {

    boolean allows(String clientId, TopicFilter filter);

    /** Refuses every subscription that could match a topic of a denied filter, wildcards included. */
    static SubscribePermission denying(List<TopicFilter> denied) {
        List<TopicFilter> copy = List.copyOf(denied);
        return (clientId, filter) -> copy.stream().noneMatch(deniedFilter -> deniedFilter.overlaps(filter));
    }
}
