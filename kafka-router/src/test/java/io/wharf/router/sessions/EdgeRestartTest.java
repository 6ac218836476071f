package io.wharf.router.sessions;

import static io.wharf.router.sessions.LifecycleDriver.START;
import static io.wharf.router.sessions.LifecycleDriver.TOPICS;
import static io.wharf.router.sessions.LifecycleDriver.state;
import static io.wharf.router.sessions.LifecycleDriver.text;
import static io.wharf.router.sessions.LifecycleDriver.will;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.mapping.TopicMapping;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An edge killed and restarted at once under the same node id sends heartbeats again before any
 * silence shows: the sessions of its earlier process are a dead edge's all the same.
 */
class EdgeRestartTest {

    private static final Instant FIRST = START.minusSeconds(3600);
    private static final Instant RESTARTED = START.plusSeconds(1);

    private final LifecycleDriver router =
            new LifecycleDriver(TopicMapping.none(TOPICS.messages().name()));

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void theWillsOfTheEarlierProcessArePublishedWhileTheRestartedOneSendsHeartbeats() {
        connectedToTheFirstProcess("client-1");

        router.advanceWithHeartbeats(Duration.ofSeconds(3), "edge-a", RESTARTED, START);

        assertThat(router.written(TOPICS.messages().name()))
                .singleElement()
                .satisfies(record -> assertThat(text(record.key())).isEqualTo("alerts/client-1"));
        assertThat(router.sessionWrites()).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo("client-1");
            assertThat(record.value().connected()).isFalse();
            assertThat(record.value().state().will()).isNull();
            assertThat(record.value().state().disconnectedAt()).isEqualTo(RESTARTED);
        });
    }

    @Test
    void theSessionsTheRestartedProcessClaimedAreLeftAlone() {
        connectedToTheFirstProcess("client-2");
        router.advanceWithHeartbeats(Duration.ofSeconds(2), "edge-a", RESTARTED, START);
        router.written(TOPICS.messages().name());

        long newEpoch = router.claim("client-3", "edge-a", RESTARTED);
        router.state(
                "client-3", "edge-a", RESTARTED, newEpoch, true, state(3600, null, will("alerts/client-3", 0, false)));
        router.advanceWithHeartbeats(Duration.ofSeconds(20), "edge-a", RESTARTED, START.plusSeconds(2));

        assertThat(router.written(TOPICS.messages().name())).isEmpty();
    }

    @Test
    void aClientBackOnTheRestartedProcessHasTheWillOfItsLostConnectionPublished() {
        connectedToTheFirstProcess("client-4");

        router.heartbeat("edge-a", RESTARTED, RESTARTED);
        router.claim("client-4", "edge-a", RESTARTED);
        router.advanceWithHeartbeats(Duration.ofSeconds(3), "edge-a", RESTARTED, RESTARTED);

        assertThat(router.written(TOPICS.messages().name()))
                .singleElement()
                .satisfies(record -> assertThat(text(record.key())).isEqualTo("alerts/client-4"));
        router.advanceWithHeartbeats(Duration.ofSeconds(70), "edge-a", RESTARTED, RESTARTED.plusSeconds(3));
        assertThat(router.written(TOPICS.messages().name())).isEmpty();
    }

    @Test
    void aClientBackOnTheRestartedProcessHasItsLostConnectionsWillPublishedThoughTheNewProcessWroteFirst() {
        connectedToTheFirstProcess("client-6");

        // The restarted process knows its earlier one is gone, so it writes under its claim at once,
        // before the router's next check: that is no hand-over by the earlier process.
        router.heartbeat("edge-a", RESTARTED, RESTARTED);
        long newEpoch = router.claim("client-6", "edge-a", RESTARTED);
        router.state(
                "client-6", "edge-a", RESTARTED, newEpoch, true, state(3600, null, will("alerts/client-6", 0, false)));
        router.advanceWithHeartbeats(Duration.ofSeconds(3), "edge-a", RESTARTED, RESTARTED);

        assertThat(router.written(TOPICS.messages().name()))
                .singleElement()
                .satisfies(record -> assertThat(text(record.key())).isEqualTo("alerts/client-6"));
    }

    @Test
    void aClaimWithNoStateLeftByADeadProcessIsRemoved() {
        // A session that ends with its connection stores nothing but its claim while connected.
        router.heartbeat("edge-a", FIRST, START);
        router.claim("client-7", "edge-a", FIRST);

        router.advanceWithHeartbeats(Duration.ofSeconds(3), "edge-a", RESTARTED, START);

        assertThat(router.sessionWrites()).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo("client-7");
            assertThat(record.value()).isNull();
        });
    }

    @Test
    void aProcessThatClaimedBeforeItsFirstHeartbeatWasReadIsNotTakenForDead() {
        router.heartbeat("edge-a", FIRST, START.minusSeconds(30));
        long epoch = router.claim("client-5", "edge-a", RESTARTED);
        router.state(
                "client-5", "edge-a", RESTARTED, epoch, true, state(3600, null, will("alerts/client-5", 0, false)));

        router.advance(Duration.ofSeconds(2));
        assertThat(router.written(TOPICS.messages().name())).isEmpty();

        router.advanceWithHeartbeats(Duration.ofSeconds(20), "edge-a", RESTARTED, START.plusSeconds(2));
        assertThat(router.written(TOPICS.messages().name())).isEmpty();
    }

    /** The client is connected, with a will of no delay, to the process of edge-a that started first. */
    private void connectedToTheFirstProcess(String clientId) {
        router.heartbeat("edge-a", FIRST, START);
        long epoch = router.claim(clientId, "edge-a", FIRST);
        router.state(clientId, "edge-a", FIRST, epoch, true, state(3600, null, will("alerts/" + clientId, 0, false)));
    }
}
