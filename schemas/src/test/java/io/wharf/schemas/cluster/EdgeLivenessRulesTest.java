package io.wharf.schemas.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which edge processes count as alive, from the newest heartbeat of their node id. */
class EdgeLivenessRulesTest {

    private static final Duration SILENCE = Duration.ofSeconds(6);
    private static final Instant NOW = Instant.parse("2026-01-31T08:00:00Z");
    private static final Instant FIRST_START = NOW.minusSeconds(3600);
    private static final Instant RESTART = NOW.minusSeconds(3);

    @Test
    void aProcessWhoseHeartbeatsGoOnIsAlive() {
        assertThat(EdgeLivenessRules.isAlive(heartbeat(FIRST_START, NOW.minusSeconds(1)), FIRST_START, SILENCE, NOW))
                .isTrue();
    }

    @Test
    void aProcessSilentLongerThanAllowedIsDead() {
        assertThat(EdgeLivenessRules.isAlive(heartbeat(FIRST_START, NOW.minusSeconds(7)), FIRST_START, SILENCE, NOW))
                .isFalse();
    }

    @Test
    void anEarlierProcessOfANodeIdThatRestartedIsDeadThoughTheNodeIdSendsHeartbeats() {
        EdgeHeartbeat ofTheRestart = heartbeat(RESTART, NOW.minusSeconds(1));

        assertThat(EdgeLivenessRules.isAlive(ofTheRestart, FIRST_START, SILENCE, NOW))
                .isFalse();
        assertThat(EdgeLivenessRules.isAlive(ofTheRestart, RESTART, SILENCE, NOW))
                .isTrue();
        assertThat(EdgeLivenessRules.lastHeard(ofTheRestart, FIRST_START, NOW)).isEqualTo(RESTART);
    }

    @Test
    void aProcessNotHeardFromYetIsAliveForTheAllowedSilenceAfterItsStart() {
        EdgeHeartbeat ofTheEarlierProcess = heartbeat(FIRST_START, NOW.minusSeconds(20));

        assertThat(EdgeLivenessRules.isAlive(ofTheEarlierProcess, RESTART, SILENCE, NOW))
                .isTrue();
        assertThat(EdgeLivenessRules.isAlive(null, RESTART, SILENCE, NOW)).isTrue();
        assertThat(EdgeLivenessRules.isAlive(ofTheEarlierProcess, RESTART, SILENCE, NOW.plusSeconds(4)))
                .isFalse();
    }

    @Test
    void withoutAnIncarnationOnlyTheSilenceCounts() {
        assertThat(EdgeLivenessRules.isAlive(heartbeat(RESTART, NOW.minusSeconds(1)), null, SILENCE, NOW))
                .isTrue();
        assertThat(EdgeLivenessRules.isAlive(null, null, SILENCE, NOW)).isFalse();
    }

    @Test
    void aLaterProcessReplacesTheEarlierOneAndALateHeartbeatOfTheEarlierOneDoesNotBringItBack() {
        EdgeHeartbeat earlier = heartbeat(FIRST_START, NOW.minusSeconds(2));
        EdgeHeartbeat later = heartbeat(RESTART, NOW.minusSeconds(1));

        assertThat(EdgeLivenessRules.isRestart(earlier, later)).isTrue();
        assertThat(EdgeLivenessRules.newest(earlier, later)).isEqualTo(later);
        assertThat(EdgeLivenessRules.newest(later, heartbeat(FIRST_START, NOW))).isEqualTo(later);
        assertThat(EdgeLivenessRules.isRestart(later, heartbeat(FIRST_START, NOW)))
                .isFalse();
        assertThat(EdgeLivenessRules.newest(later, heartbeat(RESTART, NOW))).isEqualTo(heartbeat(RESTART, NOW));
    }

    private static EdgeHeartbeat heartbeat(Instant startedAt, Instant sentAt) {
        return EdgeHeartbeat.of("edge-a", "127.0.0.1:1883", startedAt, sentAt, 2000);
    }
}
