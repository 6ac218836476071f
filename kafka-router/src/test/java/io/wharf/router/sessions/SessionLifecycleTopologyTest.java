package io.wharf.router.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.session.SessionRecord;
import io.wharf.schemas.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionLifecycleTopologyTest {

    private static final WharfTopics TOPICS = WharfTopics.withDefaultPrefix();
    private static final Duration SILENCE_ALLOWED = Duration.ofSeconds(6);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SessionRecord> sessionsIn;
    private TestInputTopic<String, ClusterEvent> clusterIn;
    private TestOutputTopic<byte[], byte[]> messagesOut;
    private TestOutputTopic<byte[], byte[]> retainedOut;
    private TestOutputTopic<String, SessionRecord> sessionsOut;
    private long nextOffset;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(
                SessionLifecycleTopology.build(
                        TOPICS, TopicMapping.none(TOPICS.messages().name()), SILENCE_ALLOWED, Duration.ofSeconds(1)),
                config,
                START);
        WharfTopic<String, SessionRecord> sessions = TOPICS.sessions();
        sessionsIn = driver.createInputTopic(
                sessions.name(),
                sessions.keySerde().serializer(),
                sessions.valueSerde().serializer());
        sessionsOut = driver.createOutputTopic(
                sessions.name(),
                sessions.keySerde().deserializer(),
                sessions.valueSerde().deserializer());
        clusterIn = driver.createInputTopic(
                TOPICS.cluster().name(),
                TOPICS.cluster().keySerde().serializer(),
                TOPICS.cluster().valueSerde().serializer());
        messagesOut = driver.createOutputTopic(
                TOPICS.messages().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        retainedOut = driver.createOutputTopic(
                TOPICS.retained().name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aSessionDisconnectedLongerThanItsExpiryIsRemoved() {
        heartbeat("edge-a", START);
        long epoch = claim("client-1", "edge-a");
        sessionsIn.pipeInput("client-1", SessionRecord.state("edge-a", epoch, false, state(60, START, null), START));
        sessionsOut.readRecordsToList();

        advance(Duration.ofSeconds(30));
        assertThat(sessionsOut.readRecordsToList()).isEmpty();

        advance(Duration.ofSeconds(31));
        assertThat(sessionsOut.readRecordsToList()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("client-1");
            assertThat(record.value()).isNull();
        });
    }

    @Test
    void aDelayedWillIsPublishedOnceWhenItsDelayHasPassed() {
        heartbeat("edge-a", START);
        long epoch = claim("client-2", "edge-a");
        sessionsIn.pipeInput(
                "client-2",
                SessionRecord.state(
                        "edge-a", epoch, false, state(3600, START, will("alerts/client-2", 10, true)), START));

        advance(Duration.ofSeconds(5));
        assertThat(messagesOut.isEmpty()).isTrue();

        advance(Duration.ofSeconds(6));
        TestRecord<byte[], byte[]> published = messagesOut.readRecord();
        assertThat(new String(published.key(), StandardCharsets.UTF_8)).isEqualTo("alerts/client-2");
        assertThat(new String(published.value(), StandardCharsets.UTF_8)).isEqualTo("gone");
        assertThat(published.headers().lastHeader("mqtt.qos").value()).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
        assertThat(retainedOut.readRecord().key()).isEqualTo("alerts/client-2".getBytes(StandardCharsets.UTF_8));

        advance(Duration.ofSeconds(10));
        assertThat(messagesOut.isEmpty()).isTrue();
    }

    @Test
    void aDelayedWillIsNotPublishedWhenTheClientIsBackInTime() {
        heartbeat("edge-a", START);
        long epoch = claim("client-3", "edge-a");
        sessionsIn.pipeInput(
                "client-3",
                SessionRecord.state(
                        "edge-a", epoch, false, state(3600, START, will("alerts/client-3", 30, false)), START));
        advance(Duration.ofSeconds(10));
        claim("client-3", "edge-b");

        advance(Duration.ofSeconds(60));
        assertThat(messagesOut.isEmpty()).isTrue();
    }

    @Test
    void aNewSessionStartedOverAPendingWillMakesItDueAtOnce() {
        heartbeat("edge-a", START);
        long epoch = claim("client-4", "edge-a");
        sessionsIn.pipeInput(
                "client-4",
                SessionRecord.state(
                        "edge-a", epoch, false, state(3600, START, will("alerts/client-4", 300, false)), START));

        sessionsIn.pipeInput("client-4", SessionRecord.claim("edge-b", null, true, START), START.plusSeconds(1));
        nextOffset++;

        assertThat(messagesOut.readRecord().key()).isEqualTo("alerts/client-4".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theWillsOfAnEdgeThatStoppedSendingHeartbeatsArePublished() {
        heartbeat("edge-a", START);
        long epoch = claim("client-5", "edge-a");
        sessionsIn.pipeInput(
                "client-5",
                SessionRecord.state(
                        "edge-a", epoch, true, state(3600, null, will("alerts/client-5", 0, false)), START));

        for (int second = 1; second <= 4; second++) {
            heartbeat("edge-a", START.plusSeconds(second));
            advance(Duration.ofSeconds(1));
        }
        assertThat(messagesOut.isEmpty()).isTrue();

        advance(Duration.ofSeconds(10));
        assertThat(messagesOut.readRecordsToList()).hasSize(1);
        assertThat(sessionsOut.readRecordsToList()).anySatisfy(record -> {
            assertThat(record.value().connected()).isFalse();
            assertThat(record.value().state().will()).isNull();
        });
    }

    @Test
    void aConnectionReplacedWhileItsEdgeDiedHasItsWillPublished() {
        heartbeat("edge-a", START);
        heartbeat("edge-b", START);
        long epoch = claim("client-6", "edge-a");
        sessionsIn.pipeInput(
                "client-6",
                SessionRecord.state(
                        "edge-a", epoch, true, state(3600, null, will("alerts/client-6", 0, false)), START));
        claim("client-6", "edge-b");

        for (int second = 1; second <= 10; second++) {
            heartbeat("edge-b", START.plusSeconds(second));
            advance(Duration.ofSeconds(1));
        }

        assertThat(messagesOut.readRecordsToList()).hasSize(1);
    }

    @Test
    void aConnectionReplacedOnALiveEdgeLeavesItsWillToThatEdge() {
        heartbeat("edge-a", START);
        long epoch = claim("client-7", "edge-a");
        sessionsIn.pipeInput(
                "client-7",
                SessionRecord.state(
                        "edge-a", epoch, true, state(3600, null, will("alerts/client-7", 0, false)), START));
        long newEpoch = claim("client-7", "edge-a");
        sessionsIn.pipeInput(
                "client-7",
                SessionRecord.release("edge-a", epoch, newEpoch, "edge-a", state(3600, START, null), START));
        nextOffset++;

        for (int second = 1; second <= 70; second++) {
            heartbeat("edge-a", START.plusSeconds(second));
            advance(Duration.ofSeconds(1));
        }
        assertThat(messagesOut.isEmpty()).isTrue();
    }

    private long claim(String clientId, String edge) {
        long epoch = nextOffset++;
        sessionsIn.pipeInput(clientId, SessionRecord.claim(edge, null, false, START), START);
        return epoch;
    }

    private void heartbeat(String edge, Instant at) {
        clusterIn.pipeInput(edge, EdgeHeartbeat.of(edge, "127.0.0.1:1883", START, at, 1000));
    }

    private void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private static SessionState state(long expirySeconds, Instant disconnectedAt, SessionState.Will will) {
        return new SessionState(expirySeconds, List.of(), List.of(), List.of(), List.of(), disconnectedAt, will);
    }

    private static SessionState.Will will(String topic, long delaySeconds, boolean retain) {
        return new SessionState.Will(
                topic,
                "gone".getBytes(StandardCharsets.UTF_8),
                List.of(new SessionState.Header("mqtt.qos", "1".getBytes(StandardCharsets.UTF_8))),
                retain,
                delaySeconds);
    }
}
