package io.wharf.router;

import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.WharfTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to run the router.
 *
 * @param stateDir where Kafka Streams keeps its local state (rebuilt from Kafka when lost)
 * @param edgeSilenceAllowed how long an edge may send no heartbeat before it counts as dead
 * @param streamsOverrides Kafka Streams settings passed through, for example security settings
 * @param analytics the topic filters and window the analytics topology counts messages by
 */
public record RouterSettings(
    String kafkaBootstrap,
    WharfTopics topics,
    Path stateDir,
    Duration edgeSilenceAllowed,
    Map<String, Object> streamsOverrides,
    AnalyticsSettings analytics) {

  public RouterSettings {
    streamsOverrides = Map.copyOf(streamsOverrides);
  }

  /** Settings with the default analytics: every message ({@code #}) counted per minute. */
  public RouterSettings(
      String kafkaBootstrap, WharfTopics topics, Path stateDir, Duration edgeSilenceAllowed, Map<String, Object> streamsOverrides) {
    this(kafkaBootstrap, topics, stateDir, edgeSilenceAllowed, streamsOverrides, AnalyticsSettings.defaults());
  }
}
