package io.wharf.schemas.topic;

import java.util.Arrays;
import java.util.List;

/**
 * A valid MQTT topic filter, split into its levels. {@code +} matches one whole level, {@code #}
 * (last, alone in its level) matches the parent level and everything below it.
 */
public final class TopicFilter {

    public static final String SINGLE_LEVEL = "+";
    public static final String MULTI_LEVEL = "#";

    private final String text;
    private final List<String> levels;

    private TopicFilter(String text, List<String> levels) {
        this.text = text;
        this.levels = levels;
    }

    /**
     * Parses a filter.
     *
     * @throws InvalidTopicException if the filter breaks the rules of MQTT 3.1.1 section 4.7 / MQTT
     *     5.0 section 4.7
     */
    public static TopicFilter parse(String text) {
        TopicNames.requireWellFormed(text, "topic filter");
        String[] levels = text.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains(MULTI_LEVEL) && (!level.equals(MULTI_LEVEL) || i != levels.length - 1)) {
                throw new InvalidTopicException("'#' must be the last level of a filter, alone: " + text);
            }
            if (level.contains(SINGLE_LEVEL) && !level.equals(SINGLE_LEVEL)) {
                throw new InvalidTopicException("'+' must fill a whole level of a filter: " + text);
            }
        }
        return new TopicFilter(text, List.copyOf(Arrays.asList(levels)));
    }

    public String text() {
        return text;
    }

    public List<String> levels() {
        return levels;
    }

    /** True when the filter has no wildcard, so it names exactly one topic. */
    public boolean isExact() {
        return !levels.contains(SINGLE_LEVEL) && !levels.contains(MULTI_LEVEL);
    }

    /** Whether a message published to {@code topic} matches this filter. */
    public boolean matches(String topic) {
        if (TopicNames.isDollarTopic(topic)
                && (levels.get(0).equals(SINGLE_LEVEL) || levels.get(0).equals(MULTI_LEVEL))) {
            return false;
        }
        String[] topicLevels = topic.split("/", -1);
        int i = 0;
        for (; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.equals(MULTI_LEVEL)) {
                return true;
            }
            if (i >= topicLevels.length || !(level.equals(SINGLE_LEVEL) || level.equals(topicLevels[i]))) {
                return false;
            }
        }
        return i == topicLevels.length;
    }

    /**
     * Whether some topic could match both this filter and {@code other}; used to decide whether a
     * subscription reaches into a namespace that is refused.
     */
    public boolean overlaps(TopicFilter other) {
        List<String> mine = levels;
        List<String> theirs = other.levels;
        int i = 0;
        for (; i < mine.size() && i < theirs.size(); i++) {
            String a = mine.get(i);
            String b = theirs.get(i);
            if (a.equals(MULTI_LEVEL) || b.equals(MULTI_LEVEL)) {
                return !(i == 0 && (isDollar(a) || isDollar(b)));
            }
            if (!(a.equals(b)
                    || a.equals(SINGLE_LEVEL) && !isDollar(b, i)
                    || b.equals(SINGLE_LEVEL) && !isDollar(a, i))) {
                return false;
            }
        }
        if (mine.size() == theirs.size()) {
            return true;
        }
        // One is longer: they overlap only if the longer one's next level is '#' ("a/#" also matches "a").
        List<String> longer = mine.size() > theirs.size() ? mine : theirs;
        return longer.size() == i + 1 && longer.get(i).equals(MULTI_LEVEL);
    }

    private static boolean isDollar(String level) {
        return level.startsWith("$");
    }

    private static boolean isDollar(String level, int index) {
        return index == 0 && isDollar(level);
    }

    /** The levels before the first wildcard. */
    public List<String> literalPrefix() {
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (level.equals(SINGLE_LEVEL) || level.equals(MULTI_LEVEL)) {
                return levels.subList(0, i);
            }
        }
        return levels;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicFilter filter && filter.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
