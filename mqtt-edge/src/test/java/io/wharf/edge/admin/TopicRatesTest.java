package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.analytics.FilterWindowStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicRatesTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    private final TopicRates rates = new TopicRates();

    @Test
    void eachFilterShowsItsNewestWindowAsRatesAndTheWindowsBeforeIt() {
        rates.add(window("sensors/#", 1, 120, 1_200));
        rates.add(window("sensors/#", 0, 60, 600));
        rates.add(window("#", 0, 300, 3_000));

        assertThat(rates.all()).extracting(TopicRateView::filter).containsExactly("#", "sensors/#");
        TopicRateView sensors = rates.all().get(1);
        assertThat(sensors.windowStart()).isEqualTo(START.plusSeconds(60));
        assertThat(sensors.messages()).isEqualTo(120);
        assertThat(sensors.messagesPerSecond()).isEqualTo(2.0);
        assertThat(sensors.bytesPerSecond()).isEqualTo(20.0);
        assertThat(sensors.recent())
                .extracting(TopicRateView.WindowRate::messagesPerSecond)
                .containsExactly(1.0, 2.0);
    }

    @Test
    void aWindowWrittenAgainReplacesItAndOnlyTheNewestWindowsAreKept() {
        for (int minute = 0; minute < TopicRates.WINDOWS_KEPT + 5; minute++) {
            rates.add(window("#", minute, 60, 0));
        }
        rates.add(window("#", TopicRates.WINDOWS_KEPT + 4, 120, 0));

        TopicRateView all = rates.all().get(0);
        assertThat(all.recent()).hasSize(TopicRates.WINDOWS_KEPT);
        assertThat(all.recent().get(0).windowStart()).isEqualTo(START.plusSeconds(5 * 60));
        assertThat(all.messages()).isEqualTo(120);
    }

    @Test
    void aRecordWithoutItsWindowIsIgnored() {
        rates.add(new FilterWindowStats(1, "#", null, null, 5, 5, 0));
        rates.add(null);

        assertThat(rates.all()).isEmpty();
    }

    private static FilterWindowStats window(String filter, int minute, long count, long bytes) {
        Instant start = START.plusSeconds(60L * minute);
        return FilterWindowStats.of(filter, start, start.plusSeconds(60), count, bytes);
    }
}
