package io.wharf.edge.replay;

import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A subscription to history: {@code $replay/{from}[/{to}]/{filter}}, with {@code from} and {@code
 * to} ISO-8601 instants (such as {@code 2026-11-25T10:00:00Z}). It asks for every message matching
 * the filter that the log holds from {@code from} on; up to {@code to} (exclusive), or, without it,
 * on into the live stream.
 *
 * @param text the subscription as the client wrote it, which names it in SUBACK and UNSUBSCRIBE
 * @param to null for a replay that continues live
 */
public record ReplayRequest(String text, Instant from, Instant to, TopicFilter filter) {

    public static final String PREFIX = "$replay/";

    public static boolean isReplay(String subscription) {
        return subscription.startsWith(PREFIX);
    }

    /** @throws InvalidTopicException naming what is wrong with the subscription */
    public static ReplayRequest parse(String text) {
        String rest = text.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new InvalidTopicException("A replay needs a start time and a filter: $replay/{from}[/{to}]/{filter}");
        }
        Instant from = instant(rest.substring(0, slash));
        if (from == null) {
            throw new InvalidTopicException("The replay start '" + rest.substring(0, slash)
                    + "' is not an ISO-8601 instant such as 2026-11-25T10:00:00Z");
        }
        rest = rest.substring(slash + 1);
        Instant to = null;
        slash = rest.indexOf('/');
        if (slash >= 0) {
            to = instant(rest.substring(0, slash));
            if (to != null) {
                rest = rest.substring(slash + 1);
            }
        }
        if (to != null && !to.isAfter(from)) {
            throw new InvalidTopicException("The replay end " + to + " is not after its start " + from);
        }
        if (rest.isEmpty() || rest.startsWith("$share/") || isReplay(rest)) {
            throw new InvalidTopicException(
                    "A replay needs an ordinary topic filter after its times, not '" + rest + "'");
        }
        return new ReplayRequest(text, from, to, TopicFilter.parse(rest));
    }

    private static Instant instant(String level) {
        try {
            return Instant.parse(level);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(level).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                return null;
            }
        }
    }

    /**
     * What goes before the topic of a replayed message: the subscription up to its filter, so that
     * the messages match the subscription (and a client tells them from live ones).
     */
    public String topicPrefix() {
        return text.substring(0, text.length() - filter.text().length());
    }

    /** Where the end of a bounded replay is announced: the subscription up to its filter, without the last slash. */
    public String endTopic() {
        String prefix = topicPrefix();
        return prefix.substring(0, prefix.length() - 1);
    }

    /** True for a replay that ends at a given time rather than continuing live. */
    public boolean isBounded() {
        return to != null;
    }
}
