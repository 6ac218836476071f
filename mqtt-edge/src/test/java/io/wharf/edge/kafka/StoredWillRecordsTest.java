package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.WillRecords;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A will stored with its session and published later by the router becomes the very records an
 * edge writes for a PUBLISH on the will's topic: same Kafka topic, key, value and headers.
 */
class StoredWillRecordsTest {

    private static final String RETAINED = "mqtt.retained";
    private static final TopicMapping MAPPING = new TopicMapping(
            List.of(
                    new MappingRule(TopicFilter.parse("devices/#"), "device-data", 6, (short) 1, Duration.ofDays(1), 2),
                    new MappingRule(TopicFilter.parse("+/alerts/#"), "alerts", 6, (short) 1, Duration.ofDays(1), 0)),
            "mqtt.messages");

    @ParameterizedTest
    @ValueSource(strings = {"devices/42/status", "devices/42", "site/alerts/fire", "sensors/7/status"})
    void aStoredWillBecomesTheRecordsAnEdgeWritesForThatPublish(String topic) {
        ApplicationMessage will = new ApplicationMessage(
                topic,
                "offline".getBytes(StandardCharsets.UTF_8),
                1,
                true,
                "device-42",
                1_000L,
                new ApplicationMessage.Properties(
                        1,
                        60L,
                        "text/plain",
                        "replies/42",
                        new byte[] {1, 2},
                        List.of(new ApplicationMessage.UserProperty("site", "north"))));

        List<ProducerRecord<byte[], byte[]>> byTheEdge = new KafkaMessageLog(
                        null, MAPPING, RETAINED, new RetainedIndex(), EdgeSettings.DEFAULT_KAFKA_OUTAGE_LIMIT)
                .records(will);
        List<ProducerRecord<byte[], byte[]>> byTheRouter =
                WillRecords.of(WillRecords.stored(will, 30), MAPPING, RETAINED, 1_000L);

        assertSameRecords(byTheRouter, byTheEdge);
    }

    @Test
    void aRetainedWillWithAnEmptyPayloadClearsTheRetainedMessageAsAnEdgeWould() {
        ApplicationMessage will = new ApplicationMessage(
                "devices/42/status", new byte[0], 0, true, "device-42", 1_000L, ApplicationMessage.Properties.NONE);

        List<ProducerRecord<byte[], byte[]>> byTheEdge = new KafkaMessageLog(
                        null, MAPPING, RETAINED, new RetainedIndex(), EdgeSettings.DEFAULT_KAFKA_OUTAGE_LIMIT)
                .records(will);
        List<ProducerRecord<byte[], byte[]>> byTheRouter =
                WillRecords.of(WillRecords.stored(will, 0), MAPPING, RETAINED, 1_000L);

        assertSameRecords(byTheRouter, byTheEdge);
        assertThat(byTheRouter.get(1).value()).isNull();
    }

    private static void assertSameRecords(
            List<ProducerRecord<byte[], byte[]>> actual, List<ProducerRecord<byte[], byte[]>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ProducerRecord<byte[], byte[]> a = actual.get(i);
            ProducerRecord<byte[], byte[]> e = expected.get(i);
            assertThat(a.topic()).isEqualTo(e.topic());
            assertThat(a.key()).isEqualTo(e.key());
            assertThat(a.value()).isEqualTo(e.value());
            assertThat(a.timestamp()).isEqualTo(e.timestamp());
            assertThat(render(a.headers().toArray()))
                    .isEqualTo(render(e.headers().toArray()));
        }
    }

    private static List<String> render(Header[] headers) {
        return Arrays.stream(headers)
                .map(h -> h.key() + "=" + (h.value() == null ? "null" : Arrays.toString(h.value())))
                .toList();
    }
}
