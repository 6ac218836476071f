package io.wharf.edge.kafka.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
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
    private static final Instant SELF_STARTED = Instant.now();

    private final EdgeLiveness liveness =
            new EdgeLiveness(new MockConsumer<>("latest"), CLUSTER, "edge-self", SELF_STARTED, SILENCE);

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
        Instant firstStart = Instant.now().minusSeconds(600);
        Instant restart = Instant.now().minusSeconds(1);
        heartbeat("edge-other", firstStart, Instant.now().minusSeconds(2));
        assertThat(liveness.isAlive("edge-other", firstStart)).isTrue();

        heartbeat("edge-other", restart, Instant.now());

        assertThat(liveness.isAlive("edge-other", firstStart)).isFalse();
        assertThat(liveness.isAlive("edge-other", restart)).isTrue();
        assertThat(liveness.isAlive("edge-other"))
                .as("the node id, whichever process")
                .isTrue();
    }

    @Test
    void aLateHeartbeatOfTheEarlierProcessDoesNotBringItBack() {
        Instant firstStart = Instant.now().minusSeconds(600);
        Instant restart = Instant.now().minusSeconds(1);
        heartbeat("edge-other", restart, Instant.now());

        heartbeat("edge-other", firstStart, Instant.now());

        assertThat(liveness.isAlive("edge-other", firstStart)).isFalse();
    }

    @Test
    void anEdgeSilentLongerThanAllowedIsDead() {
        Instant started = Instant.now().minusSeconds(600);
        heartbeat("edge-other", started, Instant.now().minusSeconds(7));

        assertThat(liveness.isAlive("edge-other", started)).isFalse();
    }

    private void heartbeat(String edge, Instant startedAt, Instant sentAt) {
        byte[] value = CLUSTER.valueSerde()
                .serializer()
                .serialize(CLUSTER.name(), EdgeHeartbeat.of(edge, "127.0.0.1:1883", startedAt, sentAt, 2000));
        liveness.apply(new ConsumerRecord<>(CLUSTER.name(), 0, 0, edge.getBytes(), value));
    }
}
