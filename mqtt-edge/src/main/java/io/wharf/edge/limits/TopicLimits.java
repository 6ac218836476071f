package io.wharf.edge.limits;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How long a topic name or filter may be, in UTF-8 bytes, and how many levels it may have.
 *
 * @param maxBytes the longest, in UTF-8 bytes
 * @param maxLevels the most levels ({@code a/b/c} has 3)
 */
public record TopicLimits(int maxBytes, int maxLevels) {

    /** The limit a topic name or filter goes past, or empty when it keeps within both. */
    public Optional<Limit> exceededBy(String topic) {
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: most topics need no encoding.
        if (topic.length() > maxBytes
                || topic.length() * 3L > maxBytes && topic.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return Optional.of(Limit.MAX_TOPIC_LENGTH);
        }
        int levels = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/' && ++levels > maxLevels) {
                return Optional.of(Limit.MAX_TOPIC_LEVELS);
            }
        }
        return Optional.empty();
    }

    /** Why a topic was refused, for the client's reason string and the log. */
    public String reason(Limit limit) {
        return limit == Limit.MAX_TOPIC_LENGTH
                ? "a topic longer than " + maxBytes + " bytes"
                : "a topic of more than " + maxLevels + " levels";
    }
}
