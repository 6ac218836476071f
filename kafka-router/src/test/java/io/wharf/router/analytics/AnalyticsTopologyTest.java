package io.wharf.router.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wharf.schemas.MessageHeaders;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.analytics.FilterWindowStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnalyticsTopologyTest {

    private static final WharfTopics TOPICS = WharfTopics.withDefaultPrefix();
    private static final Instant MINUTE_0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final Instant MINUTE_1 = MINUTE_0.plusSeconds(60);
    private static final Instant MINUTE_2 = MINUTE_0.plusSeconds(120);

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> messages;
    private TestOutputTopic<String, FilterWindowStats> analytics;

    private void start(List<String> filters, Duration grace) {
        start(AnalyticsSettings.of(filters, Duration.ofMinutes(1), grace));
    }

    private void start(AnalyticsSettings settings) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "analytics-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(AnalyticsTopology.build(TOPICS, settings), config);
        WharfTopic<String, byte[]> in = TOPICS.messages();
        WharfTopic<String, FilterWindowStats> out = TOPICS.analytics();
        messages = driver.createInputTopic(
                in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
        analytics = driver.createOutputTopic(
                out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aMessageCountsOnceForEachFilterItMatches() {
        start(List.of("#", "sensors/#", "sensors/+/temperature", "lights/#"), Duration.ZERO);

        publish("sensors/kitchen/temperature", 10, MINUTE_0.plusSeconds(1));
        publish("sensors/kitchen/humidity", 20, MINUTE_0.plusSeconds(2));
        publish("doors/front", 5, MINUTE_0.plusSeconds(3));
        closeWindowsBefore(MINUTE_1);

        assertThat(analytics.readValuesToList())
                .extracting(FilterWindowStats::filter, FilterWindowStats::count, FilterWindowStats::bytes)
                .containsExactlyInAnyOrder(
                        tuple("#", 3L, 35L), tuple("sensors/#", 2L, 30L), tuple("sensors/+/temperature", 1L, 10L));
    }

    @Test
    void eachTumblingWindowGetsItsOwnRecordWithItsBounds() {
        start(List.of("sensors/#"), Duration.ZERO);

        publish("sensors/a", 100, MINUTE_0);
        publish("sensors/a", 100, MINUTE_0.plusSeconds(59));
        publish("sensors/b", 600, MINUTE_1.plusSeconds(30));
        closeWindowsBefore(MINUTE_2);

        List<TestRecord<String, FilterWindowStats>> records = analytics.readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsOnly("sensors/#");
        assertThat(records)
                .extracting(TestRecord::value)
                .extracting(
                        FilterWindowStats::windowStart,
                        FilterWindowStats::windowEnd,
                        FilterWindowStats::count,
                        FilterWindowStats::bytes)
                .containsExactly(tuple(MINUTE_0, MINUTE_1, 2L, 200L), tuple(MINUTE_1, MINUTE_2, 1L, 600L));
        assertThat(records.get(1).value().bytesPerSecond()).isEqualTo(10.0);
        assertThat(records.get(1).value().v()).isEqualTo(FilterWindowStats.VERSION);
    }

    @Test
    void aWindowIsWrittenOnlyOnceItHasClosed() {
        start(List.of("#"), Duration.ofSeconds(10));

        publish("sensors/a", 1, MINUTE_0.plusSeconds(30));
        publish("sensors/a", 1, MINUTE_1.plusSeconds(5));
        handOnCounts();
        assertThat(analytics.isEmpty()).isTrue();

        publish("sensors/a", 1, MINUTE_0.plusSeconds(50)); // late, but within the grace period
        publish("sensors/a", 1, MINUTE_1.plusSeconds(10));
        handOnCounts();

        assertThat(analytics.readValuesToList()).singleElement().satisfies(stats -> {
            assertThat(stats.windowStart()).isEqualTo(MINUTE_0);
            assertThat(stats.count()).isEqualTo(2);
        });
    }

    @Test
    void aMessageLaterThanTheGracePeriodIsNotCounted() {
        start(List.of("#"), Duration.ZERO);

        publish("sensors/a", 1, MINUTE_1.plusSeconds(1));
        publish("sensors/a", 1, MINUTE_0.plusSeconds(1)); // its window had closed already
        closeWindowsBefore(MINUTE_2);

        assertThat(analytics.readValuesToList())
                .extracting(FilterWindowStats::windowStart, FilterWindowStats::count)
                .containsExactly(tuple(MINUTE_1, 1L));
    }

    @Test
    void recordsThatAreNoMqttMessageAreNotCounted() {
        start(List.of("#"), Duration.ZERO);

        messages.pipeInput(null, new byte[7], MINUTE_0);
        messages.pipeInput("sensors/a", null, MINUTE_0);
        messages.pipeInput("sensors/+", new byte[7], MINUTE_0);
        publish("sensors/a", 3, MINUTE_0);
        closeWindowsBefore(MINUTE_1);

        assertThat(analytics.readValuesToList())
                .extracting(FilterWindowStats::count, FilterWindowStats::bytes)
                .containsExactly(tuple(1L, 3L));
    }

    @Test
    void wildcardsAtTheFirstLevelDoNotCountDollarTopics() {
        start(List.of("#", "$SYS/#"), Duration.ZERO);

        publish("$SYS/broker/uptime", 4, MINUTE_0);
        publish("sensors/a", 2, MINUTE_0);
        closeWindowsBefore(MINUTE_1);

        assertThat(analytics.readValuesToList())
                .extracting(FilterWindowStats::filter, FilterWindowStats::count)
                .containsExactlyInAnyOrder(tuple("#", 1L), tuple("$SYS/#", 1L));
    }

    @Test
    void messagesOfMappedTopicsCountByTheMqttTopicInTheirHeader() {
        start(AnalyticsSettings.of(List.of("devices/+/temperature", "#"), Duration.ofMinutes(1), Duration.ZERO)
                .withMappedTopics(List.of("device-data")));
        WharfTopic<String, byte[]> in = TOPICS.messages();
        TestInputTopic<String, byte[]> deviceData = driver.createInputTopic(
                "device-data", in.keySerde().serializer(), in.valueSerde().serializer());

        // Keyed by the first two levels, as a rule with key-levels 2 writes them.
        TestRecord<String, byte[]> mapped = new TestRecord<>("devices/42", new byte[7], MINUTE_0.plusSeconds(1));
        mapped.headers().add(MessageHeaders.TOPIC, "devices/42/temperature".getBytes(StandardCharsets.UTF_8));
        deviceData.pipeInput(mapped);
        publish("doors/front", 5, MINUTE_0.plusSeconds(2));
        closeWindowsBefore(MINUTE_1);

        assertThat(analytics.readValuesToList())
                .extracting(FilterWindowStats::filter, FilterWindowStats::count, FilterWindowStats::bytes)
                .containsExactlyInAnyOrder(tuple("devices/+/temperature", 1L, 7L), tuple("#", 2L, 12L));
    }

    private void publish(String topic, int payloadBytes, Instant receivedAt) {
        messages.pipeInput(topic, new byte[payloadBytes], receivedAt);
    }

    /**
     * A message for every filter after {@code end} moves stream time on and, once the counts are
     * handed on, closes earlier windows.
     */
    private void closeWindowsBefore(Instant end) {
        Instant later = end.plus(Duration.ofSeconds(30));
        for (String topic : List.of("sensors/tick/temperature", "$SYS/tick", "lights/tick")) {
            messages.pipeInput(topic, new byte[0], later);
        }
        handOnCounts();
    }

    /** The time passes after which each stream task hands on what it counted. */
    private void handOnCounts() {
        driver.advanceWallClockTime(LocalCounting.HAND_ON_INTERVAL);
    }
}
