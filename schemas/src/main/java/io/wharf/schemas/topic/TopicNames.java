package io.wharf.schemas.topic;

import java.nio.charset.StandardCharsets;

/** The rules for topic names, the topics messages are published to. */
public final class TopicNames {

    private static final int MAX_BYTES = 65_535;

    private TopicNames() {}

    /**
     * Checks a topic name a message is published to.
     *
     * @throws InvalidTopicException if it is empty, too long, holds a null character or a wildcard
     */
    public static void requireValidName(String topic) {
        requireWellFormed(topic, "topic name");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new InvalidTopicException("A topic name must not contain '+' or '#': " + topic);
        }
    }

    public static boolean isValidName(String topic) {
        try {
            requireValidName(topic);
            return true;
        } catch (InvalidTopicException e) {
            return false;
        }
    }

    /** True for topics such as {@code $SYS/...} that wildcards at the first level never match. */
    public static boolean isDollarTopic(String topic) {
        return topic.startsWith("$");
    }

    static void requireWellFormed(String text, String what) {
        if (text == null || text.isEmpty()) {
            throw new InvalidTopicException("A " + what + " must not be empty");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidTopicException("A " + what + " must not contain the null character");
        }
        if (text.length() * 3 > MAX_BYTES && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidTopicException("A " + what + " must not be longer than 65535 bytes");
        }
    }
}
