package io.wharf.edge.limits;

import java.util.Optional;

/**
 * What one filter of a SUBSCRIBE must keep within: the topic limits, on the filter as the client
 * wrote it, and the subscriptions one session may hold.
 *
 * @param topics how long a filter may be and how many levels it may have
 * @param maxSubscriptions the most subscriptions one session holds
 */
public record SubscriptionLimits(TopicLimits topics, int maxSubscriptions) {

    public static SubscriptionLimits of(LimitSettings settings) {
        return new SubscriptionLimits(settings.topics(), settings.maxSubscriptions());
    }

    /**
     * The limit a filter goes past, or empty.
     *
     * @param text the filter as the client wrote it
     * @param adds true when the session does not hold this subscription yet (replacing one adds none)
     * @param held how many subscriptions the session holds now
     */
    public Optional<Limit> refuses(String text, boolean adds, int held) {
        Optional<Limit> topic = topics.exceededBy(text);
        if (topic.isPresent()) {
            return topic;
        }
        return adds && held >= maxSubscriptions ? Optional.of(Limit.MAX_SUBSCRIPTIONS) : Optional.empty();
    }
}
