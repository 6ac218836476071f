package io.wharf.router;

import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.TopicMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run the router.
 *
 * @param stateDir where Kafka Streams keeps its local state (rebuilt from Kafka when lost)
 * @param edgeSilenceAllowed how long an edge may send no heartbeat before it counts as dead
 * @param streamsOverrides Kafka Streams settings passed through, for example security settings
 * @param analytics the topic filters and window the analytics topology counts messages by
 * @param mappingRules the edges' topic mapping rules, which the wills the router publishes follow
 */
public record RouterSettings(
        String kafkaBootstrap,
        WharfTopics topics,
        Path stateDir,
        Duration edgeSilenceAllowed,
        Map<String, Object> streamsOverrides,
        AnalyticsSettings analytics,
        List<MappingRule> mappingRules) {

    public RouterSettings {
        streamsOverrides = Map.copyOf(streamsOverrides);
        mappingRules = List.copyOf(mappingRules);
    }

    /** Settings with no topic mapping: every will goes to the message topic. */
    public RouterSettings(
            String kafkaBootstrap,
            WharfTopics topics,
            Path stateDir,
            Duration edgeSilenceAllowed,
            Map<String, Object> streamsOverrides,
            AnalyticsSettings analytics) {
        this(kafkaBootstrap, topics, stateDir, edgeSilenceAllowed, streamsOverrides, analytics, List.of());
    }

    /** Settings with the default analytics (every message, {@code #}, counted per minute) and no topic mapping. */
    public RouterSettings(
            String kafkaBootstrap,
            WharfTopics topics,
            Path stateDir,
            Duration edgeSilenceAllowed,
            Map<String, Object> streamsOverrides) {
        this(kafkaBootstrap, topics, stateDir, edgeSilenceAllowed, streamsOverrides, AnalyticsSettings.defaults());
    }

    /** The same settings under the edges' topic mapping rules (they must be the edges' own). */
    public RouterSettings withMapping(List<MappingRule> rules) {
        return new RouterSettings(
                kafkaBootstrap, topics, stateDir, edgeSilenceAllowed, streamsOverrides, analytics, rules);
    }

    /** Which Kafka topic each MQTT topic goes to, as on every edge. */
    public TopicMapping mapping() {
        return new TopicMapping(mappingRules, topics.messages().name());
    }
}
