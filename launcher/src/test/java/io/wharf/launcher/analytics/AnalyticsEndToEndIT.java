package io.wharf.launcher.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.launcher.testing.EdgeOnTestKafka;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.Json;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.analytics.FilterWindowStats;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages published by a real MQTT client through a real edge come out of the router as
 * per-filter window records on the analytics topic of a real Kafka, those of mapped topics
 * included.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class AnalyticsEndToEndIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(1);

    @Test
    void messagesPublishedThroughAnEdgeAreCountedPerFilterAndWindow(TestKafka kafka) throws Exception {
        // The hall's messages go to a Kafka topic of their own, keyed by their first two levels.
        try (EdgeOnTestKafka edge = EdgeOnTestKafka.start(
                        kafka,
                        "analytics",
                        prefix -> List.of(new MappingRule(
                                TopicFilter.parse("sensors/hall/#"),
                                prefix + "hall",
                                2,
                                (short) 0,
                                Duration.ofDays(1),
                                2)));
                KafkaRouter router = KafkaRouter.start(new RouterSettings(
                        kafka.bootstrapServers(),
                        edge.topics(),
                        TestDirectories.newDirectory("router-state"),
                        Duration.ofSeconds(10),
                        Map.of(),
                        AnalyticsSettings.of(List.of("sensors/#", "sensors/+/temperature"), WINDOW, GRACE)
                                .withMappedTopics(List.of(edge.topics().prefix() + "hall"))));
                AnalyticsReader analytics = new AnalyticsReader(
                        kafka.bootstrapServers(), edge.topics().analytics())) {
            // Counted live, the messages reach the windows in the order they were published.
            await().atMost(Duration.ofSeconds(60)).until(router::isRunning);
            Mqtt5BlockingClient publisher = edge.connect("analytics-publisher");
            publish(publisher, "sensors/kitchen/temperature", "21.5");
            publish(publisher, "sensors/kitchen/temperature", "21.75");
            publish(publisher, "sensors/hall/temperature", "19");
            publish(publisher, "sensors/hall/humidity", "40 %");
            publish(publisher, "doors/front", "open");

            // Windows close when a later message reaches the router; send one once they and their grace have ended.
            long lastWindowEnd = (System.currentTimeMillis() / WINDOW.toMillis() + 1) * WINDOW.toMillis();
            await().atMost(WINDOW.plus(GRACE).multipliedBy(2))
                    .until(() -> System.currentTimeMillis() >= lastWindowEnd + GRACE.toMillis());
            publish(publisher, "sensors/clock/temperature", "tick");
            publisher.disconnect();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<FilterWindowStats> records = analytics.readMore();
                assertThat(total(records, "sensors/+/temperature")).isEqualTo(new long[] {3, 4 + 5 + 2});
                assertThat(total(records, "sensors/#")).isEqualTo(new long[] {4, 4 + 5 + 2 + 4});
            });
            assertThat(analytics.all()).allSatisfy(stats -> {
                assertThat(Duration.between(stats.windowStart(), stats.windowEnd()))
                        .isEqualTo(WINDOW);
                assertThat(stats.bytesPerSecond()).isEqualTo(stats.bytes() / 2.0);
                assertThat(stats.windowEnd().toEpochMilli()).isLessThanOrEqualTo(lastWindowEnd);
            });
            assertThat(router.isRunning()).isTrue();

            // The edge follows the same records for its admin API and dashboard: the newest window
            // of each filter, with the windows before it.
            List<FilterWindowStats> written = analytics.all();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode rates = topicRates(edge);
                assertThat(rates.findValuesAsText("filter")).containsExactly("sensors/#", "sensors/+/temperature");
                for (JsonNode rate : rates) {
                    String filter = rate.path("filter").asText();
                    FilterWindowStats newest = written.stream()
                            .filter(stats -> stats.filter().equals(filter))
                            .max(Comparator.comparing(FilterWindowStats::windowStart))
                            .orElseThrow();
                    assertThat(rate.path("messages").asLong()).isEqualTo(newest.count());
                    assertThat(rate.path("messagesPerSecond").asDouble()).isEqualTo(newest.count() / 2.0);
                    assertThat(rate.path("recent")).hasSize((int) written.stream()
                            .filter(stats -> stats.filter().equals(filter))
                            .count());
                }
            });
        }
    }

    private static JsonNode topicRates(EdgeOnTestKafka edge) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + edge.edge().httpPort() + "/api/topics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body()).path("items");
    }

    private static void publish(Mqtt5BlockingClient client, String topic, String payload) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /** Count and bytes of one filter over all windows. */
    private static long[] total(List<FilterWindowStats> records, String filter) {
        long count = 0;
        long bytes = 0;
        for (FilterWindowStats stats : records) {
            if (stats.filter().equals(filter)) {
                count += stats.count();
                bytes += stats.bytes();
            }
        }
        return new long[] {count, bytes};
    }

    /** Reads the analytics topic from the beginning, as an outside consumer would. */
    private static final class AnalyticsReader implements AutoCloseable {
        private final KafkaConsumer<String, FilterWindowStats> consumer;
        private final List<FilterWindowStats> read = new ArrayList<>();

        AnalyticsReader(String bootstrap, WharfTopic<String, FilterWindowStats> topic) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    topic.keySerde().deserializer(),
                    topic.valueSerde().deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<FilterWindowStats> readMore() {
            consumer.poll(Duration.ofMillis(500)).forEach(record -> read.add(record.value()));
            return all();
        }

        List<FilterWindowStats> all() {
            return List.copyOf(read);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
