package io.wharf.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeDown;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EdgeLivenessTopologyTest {

    private static final WharfTopics TOPICS = WharfTopics.withDefaultPrefix();
    private static final Duration SILENCE_ALLOWED = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, ClusterEvent> clusterIn;
    private TestOutputTopic<String, ClusterEvent> clusterOut;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "liveness-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(EdgeLivenessTopology.build(TOPICS, SILENCE_ALLOWED), config, START);
        var topic = TOPICS.cluster();
        clusterIn = driver.createInputTopic(
                topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
        clusterOut = driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void anEdgeThatKeepsSendingHeartbeatsIsNeverReportedDown() {
        for (int second = 0; second < 30; second += 2) {
            clusterIn.pipeInput("edge-a", heartbeat("edge-a", START.plusSeconds(second)));
            driver.advanceWallClockTime(Duration.ofSeconds(2));
        }
        assertThat(clusterOut.readValuesToList()).isEmpty();
    }

    @Test
    void anEdgeSilentLongerThanAllowedIsReportedDownOnce() {
        clusterIn.pipeInput("edge-a", heartbeat("edge-a", START));
        clusterIn.pipeInput("edge-b", heartbeat("edge-b", START));
        for (int second = 2; second <= 20; second += 2) {
            clusterIn.pipeInput("edge-b", heartbeat("edge-b", START.plusSeconds(second)));
            driver.advanceWallClockTime(Duration.ofSeconds(2));
        }

        assertThat(clusterOut.readValuesToList()).singleElement().isInstanceOfSatisfying(EdgeDown.class, down -> {
            assertThat(down.edgeId()).isEqualTo("edge-a");
            assertThat(down.lastHeartbeatAt()).isEqualTo(START);
            assertThat(down.startedAt()).isEqualTo(START);
        });
    }

    @Test
    void aNodeIdRestartedAtOnceHasItsEarlierProcessReportedDownOnce() {
        Instant restartedAt = START.plusSeconds(3);
        clusterIn.pipeInput("edge-a", heartbeat("edge-a", START));
        clusterIn.pipeInput("edge-a", heartbeat("edge-a", START.plusSeconds(2)));
        for (int second = 4; second <= 20; second += 2) {
            clusterIn.pipeInput(
                    "edge-a",
                    EdgeHeartbeat.of("edge-a", "127.0.0.1:1883", restartedAt, START.plusSeconds(second), 2000));
            driver.advanceWallClockTime(Duration.ofSeconds(2));
        }

        assertThat(clusterOut.readValuesToList()).singleElement().isInstanceOfSatisfying(EdgeDown.class, down -> {
            assertThat(down.edgeId()).isEqualTo("edge-a");
            assertThat(down.startedAt()).as("the earlier process").isEqualTo(START);
            assertThat(down.lastHeartbeatAt()).isEqualTo(START.plusSeconds(2));
        });
    }

    @Test
    void aLateHeartbeatOfAnEarlierProcessIsNoRestart() {
        Instant restartedAt = START.plusSeconds(3);
        clusterIn.pipeInput("edge-a", heartbeat("edge-a", START));
        clusterIn.pipeInput(
                "edge-a", EdgeHeartbeat.of("edge-a", "127.0.0.1:1883", restartedAt, START.plusSeconds(4), 2000));
        clusterOut.readValuesToList();

        clusterIn.pipeInput("edge-a", heartbeat("edge-a", START.plusSeconds(2)));
        clusterIn.pipeInput(
                "edge-a", EdgeHeartbeat.of("edge-a", "127.0.0.1:1883", restartedAt, START.plusSeconds(6), 2000));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(clusterOut.readValuesToList()).isEmpty();
    }

    private static EdgeHeartbeat heartbeat(String edge, Instant sentAt) {
        return EdgeHeartbeat.of(edge, "127.0.0.1:1883", START, sentAt, 2000);
    }
}
