package io.wharf.router.sessions;

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

/** The session lifecycle topology under {@code TopologyTestDriver}, fed session records and heartbeats as edges write them. */
final class LifecycleDriver implements AutoCloseable {

    static final WharfTopics TOPICS = WharfTopics.withDefaultPrefix();
    static final Duration SILENCE_ALLOWED = Duration.ofSeconds(6);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SessionRecord> sessionsIn;
    private final TestInputTopic<String, ClusterEvent> clusterIn;
    private final TestOutputTopic<String, SessionRecord> sessionsOut;
    private long nextOffset;

    LifecycleDriver(TopicMapping mapping) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "lifecycle-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(
                SessionLifecycleTopology.build(TOPICS, mapping, SILENCE_ALLOWED, Duration.ofSeconds(1)), config, START);
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
    }

    /** The edge process of {@code edge} started at {@code incarnation} claims the session; returns the claim's epoch. */
    long claim(String clientId, String edge, Instant incarnation) {
        long epoch = nextOffset++;
        sessionsIn.pipeInput(
                clientId, SessionRecord.claim(edge, null, false, START).withIncarnation(incarnation), START);
        return epoch;
    }

    void state(String clientId, String edge, Instant incarnation, long epoch, boolean connected, SessionState state) {
        sessionsIn.pipeInput(
                clientId,
                SessionRecord.state(edge, epoch, connected, state, START).withIncarnation(incarnation),
                START);
        nextOffset++;
    }

    void heartbeat(String edge, Instant startedAt, Instant sentAt) {
        clusterIn.pipeInput(edge, EdgeHeartbeat.of(edge, "127.0.0.1:1883", startedAt, sentAt, 1000));
    }

    /** Lets time pass second by second, {@code edge}'s process of {@code startedAt} sending a heartbeat each second. */
    void advanceWithHeartbeats(Duration duration, String edge, Instant startedAt, Instant from) {
        for (long second = 1; second <= duration.toSeconds(); second++) {
            heartbeat(edge, startedAt, from.plusSeconds(second));
            advance(Duration.ofSeconds(1));
        }
    }

    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** What was written to a Kafka topic of messages (or retained messages) so far. */
    List<TestRecord<byte[], byte[]>> written(String kafkaTopic) {
        return driver.createOutputTopic(kafkaTopic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    List<TestRecord<String, SessionRecord>> sessionWrites() {
        return sessionsOut.readRecordsToList();
    }

    static SessionState state(long expirySeconds, Instant disconnectedAt, SessionState.Will will) {
        return new SessionState(expirySeconds, List.of(), List.of(), List.of(), List.of(), disconnectedAt, will);
    }

    static SessionState.Will will(String topic, long delaySeconds, boolean retain) {
        List<SessionState.Header> headers = retain
                ? List.of(header("mqtt.qos", "1"), header("mqtt.retain", "true"))
                : List.of(header("mqtt.qos", "1"));
        return new SessionState.Will(topic, "gone".getBytes(StandardCharsets.UTF_8), headers, retain, delaySeconds);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static SessionState.Header header(String name, String value) {
        return new SessionState.Header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        driver.close();
    }
}
