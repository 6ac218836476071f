package io.wharf.edge.kafka.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An edge's view of which edge processes are alive, from the heartbeats it reads. */
class EdgeLivenessTest {

    private static final WharfTopic<String, ClusterEvent> CLUSTER =
            WharfTopics.withDefaultPrefix().cluster();
    private static final Duration SILENCE = Duration.ofSeconds(6);
    private static final Instant SELF_STARTED = Instant.parse("2026-12-02T06:00:00Z");

    private final SettableClock clock = new SettableClock(SELF_STARTED);
    private final EdgeLiveness liveness =
            new EdgeLiveness(new MockConsumer<>("latest"), CLUSTER, "edge-self", SELF_STARTED, SILENCE, clock);

    @AfterEach
    void close() {
        liveness.close();
    }

    @Test
    void theSessionsOfAnEarlierProcessOfThisEdgesOwnNodeIdHaveADeadOwner() {
        assertThat(liveness.isAlive("edge-self", SELF_STARTED.minusSeconds(5))).isFalse();
        assertThat(liveness.isAlive("edge-self", SELF_STARTED)).isTrue();
        assertThat(liveness.isAlive("edge-self", null)).isTrue();
    }

    @Test
    void anotherEdgeRestartedUnderItsNodeIdHasItsEarlierProcessDead() {
        Instant firstStart = clock.instant().minusSeconds(600);
        Instant restart = clock.instant().minusSeconds(1);
        heartbeat("edge-other", firstStart, clock.instant().minusSeconds(2));
        assertThat(liveness.isAlive("edge-other", firstStart)).isTrue();

        heartbeat("edge-other", restart, clock.instant());

        assertThat(liveness.isAlive("edge-other", firstStart)).isFalse();
        assertThat(liveness.isAlive("edge-other", restart)).isTrue();
        assertThat(liveness.isAlive("edge-other"))
                .as("the node id, whichever process")
                .isTrue();
    }

    @Test
    void aLateHeartbeatOfTheEarlierProcessDoesNotBringItBack() {
        Instant firstStart = clock.instant().minusSeconds(600);
        Instant restart = clock.instant().minusSeconds(1);
        heartbeat("edge-other", restart, clock.instant());

        heartbeat("edge-other", firstStart, clock.instant());

        assertThat(liveness.isAlive("edge-other", firstStart)).isFalse();
    }

    @Test
    void anEdgeSilentLongerThanAllowedIsDead() {
        Instant started = clock.instant().minusSeconds(600);
        heartbeat("edge-other", started, clock.instant());

        clock.advance(SILENCE.minusSeconds(1));
        assertThat(liveness.isAlive("edge-other", started)).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(liveness.isAlive("edge-other", started)).isFalse();
    }

    private void heartbeat(String edge, Instant startedAt, Instant sentAt) {
        byte[] value = CLUSTER.valueSerde()
                .serializer()
                .serialize(CLUSTER.name(), EdgeHeartbeat.of(edge, "127.0.0.1:1883", startedAt, sentAt, 2000));
        liveness.apply(new ConsumerRecord<>(CLUSTER.name(), 0, 0, edge.getBytes(), value));
    }
}
