package io.wharf.router.analytics;

import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What the analytics topology counts.
 *
 * @param filters the topic filters to count messages for; none turns analytics off
 * @param window the length of each tumbling window
 * @param grace how long after a window's end a late message still counts in it; the window's
 *     record is written once this has passed
 * @param mappedTopics the Kafka topics the topic mapping sends messages to, read besides the
 *     message topic
 */
public record AnalyticsSettings(List<TopicFilter> filters, Duration window, Duration grace, List<String> mappedTopics) {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    public AnalyticsSettings {
        filters = List.copyOf(new LinkedHashSet<>(filters));
        mappedTopics = List.copyOf(new LinkedHashSet<>(mappedTopics));
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The analytics window must be longer than zero, not " + window);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("The analytics grace period must not be negative, not " + grace);
        }
    }

    /** Counts every message ({@code #}) per minute. */
    public static AnalyticsSettings defaults() {
        return of(List.of(TopicFilter.MULTI_LEVEL), DEFAULT_WINDOW, DEFAULT_GRACE);
    }

    /**
     * @throws io.wharf.schemas.topic.InvalidTopicException naming a filter that breaks MQTT's rules
     */
    public static AnalyticsSettings of(List<String> filters, Duration window, Duration grace) {
        return new AnalyticsSettings(filters.stream().map(TopicFilter::parse).toList(), window, grace, List.of());
    }

    /** The same, also counting the messages in these Kafka topics of the topic mapping. */
    public AnalyticsSettings withMappedTopics(List<String> topics) {
        return new AnalyticsSettings(filters, window, grace, topics);
    }

    public boolean enabled() {
        return !filters.isEmpty();
    }
}
