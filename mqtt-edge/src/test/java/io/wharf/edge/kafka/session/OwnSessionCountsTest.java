package io.wharf.edge.kafka.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OwnSessionCountsTest {

    private static final Instant DISCONNECTED = Instant.parse("2026-12-02T10:00:00Z");

    private final AtomicInteger expired = new AtomicInteger();

    @Test
    void countsOnlyTheDisconnectedSessionsThisEdgeStoredLast() {
        Map<String, SessionEntry> sessions = Map.of(
                "away-here", entry("edge-a", state(60, DISCONNECTED)),
                "connected-here", entry("edge-a", state(60, null)),
                "away-there", entry("edge-b", state(60, DISCONNECTED)));

        assertThat(counts(sessions).disconnected()).isEqualTo(1);
    }

    @Test
    void aSessionDroppedOnceItsIntervalPassedExpired() {
        counts(Map.of()).dropped(entry("edge-a", state(60, DISCONNECTED)), DISCONNECTED.plusSeconds(61));

        assertThat(expired).hasValue(1);
    }

    @Test
    void removedEarlyEndedWithItsConnectionOrAnotherEdgesDidNotExpireHere() {
        OwnSessionCounts counts = counts(Map.of());

        counts.dropped(entry("edge-a", state(60, DISCONNECTED)), DISCONNECTED.plusSeconds(30)); // an operator's removal
        counts.dropped(entry("edge-a", state(0, DISCONNECTED)), DISCONNECTED.plusSeconds(1));
        counts.dropped(entry("edge-a", null), DISCONNECTED);
        counts.dropped(entry("edge-b", state(60, DISCONNECTED)), DISCONNECTED.plusSeconds(61));

        assertThat(expired).hasValue(0);
    }

    private OwnSessionCounts counts(Map<String, SessionEntry> sessions) {
        return new OwnSessionCounts("edge-a", () -> sessions, expired::incrementAndGet);
    }

    private static SessionEntry entry(String owner, SessionState state) {
        return new SessionEntry(
                1, owner, state, state != null && state.disconnectedAt() != null, null, -1, false, null, null);
    }

    private static SessionState state(long expirySeconds, Instant disconnectedAt) {
        return new SessionState(expirySeconds, List.of(), List.of(), List.of(), List.of(), disconnectedAt, null);
    }
}
