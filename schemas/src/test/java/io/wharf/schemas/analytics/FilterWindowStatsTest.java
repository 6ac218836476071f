package io.wharf.schemas.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.CleanupPolicy;
import io.wharf.schemas.Golden;
import io.wharf.schemas.SchemaDocument;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Outside consumers read this format; a change here must be a compatible one. */
class FilterWindowStatsTest {

    private static final FilterWindowStats STATS = FilterWindowStats.of(
            "sensors/+/temperature",
            Instant.parse("2026-01-01T08:00:00Z"),
            Instant.parse("2026-01-01T08:01:00Z"),
            12,
            3000);

    @Test
    void isWrittenAsTheGoldenFileSays() throws Exception {
        Golden.assertPinned(
                STATS, FilterWindowStats.class, "filter-window-stats.json", SchemaDocument.FILTER_WINDOW_STATS);
    }

    @Test
    void aReaderAcceptsARecordFromANewerWriter() throws Exception {
        Golden.assertReadsAs(
                "filter-window-stats-newer-writer.json",
                FilterWindowStats.class,
                new FilterWindowStats(
                        2, "sensors/+/temperature", STATS.windowStart(), STATS.windowEnd(), 12, 3000, 50.0));
        Golden.assertValid("filter-window-stats-newer-writer.json", SchemaDocument.FILTER_WINDOW_STATS);
    }

    @Test
    void theAnalyticsTopicIsOneOfWharfsTopicsAndKeepsRecordsByTime() {
        WharfTopics topics = new WharfTopics("plant1.");

        assertThat(topics.analytics().name()).isEqualTo("plant1.analytics");
        assertThat(topics.analytics().cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
        assertThat(topics.all()).extracting(WharfTopic::name).contains("plant1.analytics");
    }
}
