package io.wharf.edge.shared;

import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A shared subscription, {@code $share/{ShareName}/{filter}} (MQTT 5 section 4.8.2): the sessions
 * that hold the same one share its messages, each message going to one of them. The same filter
 * under another ShareName is another shared subscription.
 */
public record SharedSubscription(String shareName, TopicFilter filter) {

    public static final String PREFIX = "$share/";
    private static final int GROUP_HASH_BYTES = 5;

    public static boolean isShared(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * Parses {@code $share/{ShareName}/{filter}}.
     *
     * @throws InvalidTopicException if the ShareName is empty or holds {@code +} or {@code #}, or the
     *     filter is missing or invalid
     */
    public static SharedSubscription parse(String text) {
        if (!isShared(text)) {
            throw new InvalidTopicException("not a shared subscription: " + text);
        }
        int slash = text.indexOf('/', PREFIX.length());
        if (slash < 0) {
            throw new InvalidTopicException("a shared subscription needs a ShareName and a filter: " + text);
        }
        String shareName = text.substring(PREFIX.length(), slash);
        if (shareName.isEmpty()
                || shareName.contains(TopicFilter.SINGLE_LEVEL)
                || shareName.contains(TopicFilter.MULTI_LEVEL)) {
            throw new InvalidTopicException("a ShareName must be non-empty, without '+' or '#': " + text);
        }
        String filter = text.substring(slash + 1);
        if (filter.isEmpty()) {
            throw new InvalidTopicException("a shared subscription needs a filter after its ShareName: " + text);
        }
        return new SharedSubscription(shareName, TopicFilter.parse(filter));
    }

    /** The subscription as the client wrote it; sessions store it so. */
    public String text() {
        return PREFIX + shareName + "/" + filter.text();
    }

    /**
     * The Kafka group that carries this shared subscription across edges. A hash stands for the
     * filter, whose characters Kafka tools do not all handle well; the ShareName stays readable.
     */
    public String groupId(String topicPrefix) {
        return topicPrefix + "share." + shareName + "." + filterHash();
    }

    private String filterHash() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(filter.text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, GROUP_HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
