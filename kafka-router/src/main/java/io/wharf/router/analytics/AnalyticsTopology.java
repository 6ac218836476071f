package io.wharf.router.analytics;

import io.wharf.schemas.JsonSerde;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.analytics.FilterWindowStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Turns the message stream (the message topic and the topics of the topic mapping) into message
 * counts and payload bytes per configured topic filter over tumbling windows, written to {@code
 * mqtt.analytics} once per filter and window when the window closes. Built without I/O, so it is
 * tested with {@code TopologyTestDriver}.
 *
 * <p>Each stream task counts its own messages first ({@link LocalCounting}) and hands the counts on
 * about once a second, so that only those cross to the task that adds up a filter's window.
 * Windows follow the records' timestamps (the time an edge received the message). A window closes
 * when a later message, at least the grace period past its end, reaches the same filter and its
 * count is handed on; until then its record is not written. Windows in which a filter matched nothing get no record.
 * Records with no key, no value or a key that is not an MQTT topic name are not counted.
 */
public final class AnalyticsTopology {

    /** Names of the nodes and stores, fixed so that internal topics keep their names across versions. */
    static final String STORE = "analytics-filter-windows";

    private AnalyticsTopology() {}

    public static Topology build(WharfTopics topics, AnalyticsSettings settings) {
        WharfTopic<String, byte[]> messages = topics.messages();
        WharfTopic<String, FilterWindowStats> analytics = topics.analytics();
        FilterMatcher matcher = new FilterMatcher(settings.filters());
        List<String> inputs = new ArrayList<>();
        inputs.add(messages.name());
        inputs.addAll(settings.mappedTopics());
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(LocalCounting.STORE), Serdes.String(), PartialTotals.serde())
                .withCachingEnabled());
        builder.stream(
                        inputs,
                        Consumed.with(messages.keySerde(), messages.valueSerde())
                                .withName("analytics-messages"))
                .process(MqttTopicKey::new, Named.as("analytics-mqtt-topic"))
                .process(
                        () -> new LocalCounting(matcher, settings.window(), settings.grace()),
                        Named.as("analytics-count-locally"),
                        LocalCounting.STORE)
                // Re-keyed by filter: one filter's messages come from every partition of the message topic.
                .groupByKey(Grouped.with("analytics-counts-by-filter", Serdes.String(), PartialTotals.serde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(settings.window(), settings.grace()))
                .aggregate(
                        () -> WindowTotals.NONE,
                        (filter, partial, totals) -> totals.plus(partial),
                        Named.as("analytics-add-up"),
                        Materialized.<String, WindowTotals, WindowStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                // Cached, so that the store and its changelog see each window's total
                                // once per commit rather than once per count handed on.
                                .withValueSerde(new JsonSerde<>(WindowTotals.class)))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName("analytics-closed-windows"))
                .toStream(Named.as("analytics-window-results"))
                .map(
                        (window, totals) -> KeyValue.pair(window.key(), stats(window, totals)),
                        Named.as("analytics-stats"))
                .to(
                        analytics.name(),
                        Produced.with(analytics.keySerde(), analytics.valueSerde())
                                .withName("analytics-out"));
        return builder.build();
    }

    private static FilterWindowStats stats(Windowed<String> window, WindowTotals totals) {
        return FilterWindowStats.of(
                window.key(), window.window().startTime(), window.window().endTime(), totals.count(), totals.bytes());
    }
}
