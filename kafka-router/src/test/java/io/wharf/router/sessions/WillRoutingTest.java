package io.wharf.router.sessions;

import static io.wharf.router.sessions.LifecycleDriver.START;
import static io.wharf.router.sessions.LifecycleDriver.TOPICS;
import static io.wharf.router.sessions.LifecycleDriver.state;
import static io.wharf.router.sessions.LifecycleDriver.text;
import static io.wharf.router.sessions.LifecycleDriver.will;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wills the router publishes go where an edge would send a PUBLISH on their topic: to the Kafka
 * topic the mapping gives it, keyed by the rule's levels, with the MQTT topic in a header.
 */
class WillRoutingTest {

    private static final String DEVICE_DATA = "device-data";
    private static final TopicMapping MAPPING = new TopicMapping(
            List.of(new MappingRule(TopicFilter.parse("devices/#"), DEVICE_DATA, 6, (short) 1, Duration.ofDays(1), 2)),
            TOPICS.messages().name());
    private static final Instant INCARNATION = START.minusSeconds(60);

    private final LifecycleDriver router = new LifecycleDriver(MAPPING);

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void aDelayedWillOnAMappedTopicGoesToTheMappedTopicKeyedByItsLevels() {
        router.heartbeat("edge-a", INCARNATION, START);
        long epoch = router.claim("device-42", "edge-a", INCARNATION);
        router.state(
                "device-42",
                "edge-a",
                INCARNATION,
                epoch,
                false,
                state(3600, START, will("devices/42/status", 5, true)));

        router.advanceWithHeartbeats(Duration.ofSeconds(6), "edge-a", INCARNATION, START);

        assertRoutedAsAnEdgeWould(router.written(DEVICE_DATA));
        assertThat(router.written(TOPICS.messages().name())).isEmpty();
        assertThat(router.written(TOPICS.retained().name())).singleElement().satisfies(retained -> {
            assertThat(text(retained.key())).isEqualTo("devices/42/status");
            assertThat(text(retained.value())).isEqualTo("gone");
            assertThat(retained.headers().lastHeader("mqtt.topic")).isNull();
            assertThat(text(retained.headers().lastHeader("mqtt.retain").value()))
                    .isEqualTo("true");
        });
    }

    @Test
    void aWillIsStampedWithTheTimeTheRouterPublishedIt() {
        router.heartbeat("edge-a", INCARNATION, START);
        long epoch = router.claim("device-42", "edge-a", INCARNATION);
        router.state(
                "device-42",
                "edge-a",
                INCARNATION,
                epoch,
                false,
                state(3600, START, will("devices/42/status", 5, false)));

        router.advanceWithHeartbeats(Duration.ofSeconds(6), "edge-a", INCARNATION, START);

        assertThat(router.written(DEVICE_DATA))
                .singleElement()
                .satisfies(will -> assertThat(will.getRecordTime())
                        .as("due 5 s after the disconnect, found by a check once a second")
                        .isBetween(START.plusSeconds(5), START.plusSeconds(6)));
    }

    @Test
    void theWillOfADeadEdgesClientOnAMappedTopicGoesToTheMappedTopic() {
        router.heartbeat("edge-a", INCARNATION, START);
        long epoch = router.claim("device-42", "edge-a", INCARNATION);
        router.state(
                "device-42",
                "edge-a",
                INCARNATION,
                epoch,
                true,
                state(3600, null, will("devices/42/status", 0, false)));

        router.advance(Duration.ofSeconds(10));

        assertRoutedAsAnEdgeWould(router.written(DEVICE_DATA));
        assertThat(router.written(TOPICS.messages().name())).isEmpty();
    }

    @Test
    void theOrphanedWillOfAConnectionReplacedWhileItsEdgeDiedGoesToTheMappedTopic() {
        router.heartbeat("edge-a", INCARNATION, START);
        router.heartbeat("edge-b", INCARNATION, START);
        long epoch = router.claim("device-42", "edge-a", INCARNATION);
        router.state(
                "device-42",
                "edge-a",
                INCARNATION,
                epoch,
                true,
                state(3600, null, will("devices/42/status", 0, false)));
        router.claim("device-42", "edge-b", INCARNATION);

        router.advanceWithHeartbeats(Duration.ofSeconds(10), "edge-b", INCARNATION, START);

        assertRoutedAsAnEdgeWould(router.written(DEVICE_DATA));
        assertThat(router.written(TOPICS.messages().name())).isEmpty();
    }

    @Test
    void aWillOnATopicNoRuleMatchesStillGoesToTheMessageTopicKeyedByItsTopic() {
        router.heartbeat("edge-a", INCARNATION, START);
        long epoch = router.claim("sensor-7", "edge-a", INCARNATION);
        router.state(
                "sensor-7", "edge-a", INCARNATION, epoch, true, state(3600, null, will("sensors/7/status", 0, false)));

        router.advance(Duration.ofSeconds(10));

        assertThat(router.written(TOPICS.messages().name())).singleElement().satisfies(record -> {
            assertThat(text(record.key())).isEqualTo("sensors/7/status");
            assertThat(record.headers().lastHeader("mqtt.topic")).isNull();
        });
        assertThat(router.written(DEVICE_DATA)).isEmpty();
    }

    /** Key = the first two levels, the MQTT topic in the first header, then the will's own headers. */
    private static void assertRoutedAsAnEdgeWould(List<TestRecord<byte[], byte[]>> written) {
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(text(record.key())).isEqualTo("devices/42");
            assertThat(text(record.value())).isEqualTo("gone");
            Header[] headers = record.headers().toArray();
            assertThat(headers[0].key()).isEqualTo("mqtt.topic");
            assertThat(text(headers[0].value())).isEqualTo("devices/42/status");
            assertThat(text(record.headers().lastHeader("mqtt.qos").value())).isEqualTo("1");
        });
    }
}
