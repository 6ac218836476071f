package io.wharf.schemas.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.CleanupPolicy;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilterWindowStatsTest {

  private static final WharfTopic<String, FilterWindowStats> TOPIC = WharfTopics.withDefaultPrefix().analytics();

  /** Outside consumers read this format; a change here must be a compatible one. */
  private static final String GOLDEN =
      "{\"v\":1,\"filter\":\"sensors/+/temperature\",\"windowStart\":\"2026-01-01T08:00:00Z\","
          + "\"windowEnd\":\"2026-01-01T08:01:00Z\",\"count\":12,\"bytes\":3000,\"bytesPerSecond\":50.0}";

  @Test
  void isWrittenInTheDocumentedFormat() {
    FilterWindowStats stats =
        FilterWindowStats.of(
            "sensors/+/temperature", Instant.parse("2026-01-01T08:00:00Z"), Instant.parse("2026-01-01T08:01:00Z"), 12, 3000);

    byte[] json = TOPIC.valueSerde().serializer().serialize(TOPIC.name(), stats);

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
  }

  @Test
  void aReaderAcceptsFieldsItDoesNotKnow() {
    String newer = GOLDEN.replace("{\"v\":1,", "{\"v\":2,\"p99PayloadBytes\":512,");

    FilterWindowStats stats = TOPIC.valueSerde().deserializer().deserialize(TOPIC.name(), newer.getBytes(StandardCharsets.UTF_8));

    assertThat(stats.filter()).isEqualTo("sensors/+/temperature");
    assertThat(stats.count()).isEqualTo(12);
    assertThat(stats.bytesPerSecond()).isEqualTo(50.0);
  }

  @Test
  void theAnalyticsTopicIsOneOfWharfsTopicsAndKeepsRecordsByTime() {
    WharfTopics topics = new WharfTopics("plant1.");

    assertThat(topics.analytics().name()).isEqualTo("plant1.analytics");
    assertThat(topics.analytics().cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
    assertThat(topics.all()).extracting(WharfTopic::name).contains("plant1.analytics");
  }
}
