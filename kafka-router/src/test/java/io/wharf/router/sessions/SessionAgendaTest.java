package io.wharf.router.sessions;

import static io.wharf.router.sessions.LifecycleDriver.START;
import static io.wharf.router.sessions.LifecycleDriver.state;
import static io.wharf.router.sessions.LifecycleDriver.will;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.router.sessions.SessionAgenda.EdgeProcess;
import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The router's periodic check looks only at what the agenda says is due. */
class SessionAgendaTest {

    private static final Duration PATIENCE = Duration.ofMinutes(1);
    private static final Instant INCARNATION = START.minusSeconds(600);
    private static final EdgeProcess EDGE_A = new EdgeProcess("edge-a", INCARNATION);

    private final SessionAgenda agenda = new SessionAgenda(PATIENCE);

    @Test
    void aConnectedSessionIsDueOnlyWhenItsOwnersProcessDies() {
        agenda.track("client", connected("edge-a", state(3600, null, will("w", 0, false))));

        assertThat(agenda.due(START.plusSeconds(100_000), edge -> false)).isEmpty();
        assertThat(agenda.due(START, EDGE_A::equals)).containsExactly("client");
        assertThat(agenda.due(START, new EdgeProcess("edge-a", START)::equals))
                .as("another process of the same node id")
                .isEmpty();
    }

    @Test
    void aDisconnectedSessionIsDueWhenItsWillDelayEndsOrElseWhenItExpires() {
        agenda.track("delayed-will", disconnected(state(3600, START, will("w", 30, false))));
        agenda.track("no-will", disconnected(state(120, START, null)));

        assertThat(agenda.due(START.plusSeconds(29), edge -> true)).isEmpty();
        assertThat(agenda.due(START.plusSeconds(30), edge -> false)).containsExactly("delayed-will");
        assertThat(agenda.due(START.plusSeconds(120), edge -> false))
                .containsExactlyInAnyOrder("delayed-will", "no-will");
    }

    @Test
    void anEndedSessionIsDueAtOnce() {
        agenda.track("ended", disconnected(null));

        assertThat(agenda.due(START, edge -> false)).containsExactly("ended");
    }

    @Test
    void anOrphanedWillIsDueWhenItsEdgeDiesOrItsPatienceRunsOut() {
        RouterSession session = new RouterSession(
                new SessionEntry(5, "edge-b", state(3600, null, null), false, "edge-a", 1, true, START, INCARNATION),
                will("w", 0, false),
                "edge-a",
                START,
                INCARNATION);
        agenda.track("replaced", session);

        assertThat(agenda.due(START.plusSeconds(59), edge -> false)).isEmpty();
        assertThat(agenda.due(START.plusSeconds(1), EDGE_A::equals)).containsExactly("replaced");
        assertThat(agenda.due(START.plus(PATIENCE), edge -> false)).containsExactly("replaced");
    }

    @Test
    void aSessionTrackedAgainIsDueOnlyByWhatItIsNow() {
        agenda.track("client", connected("edge-a", state(3600, null, null)));
        agenda.track("client", disconnected(state(60, START, null)));

        assertThat(agenda.due(START, EDGE_A::equals)).isEmpty();
        assertThat(agenda.due(START.plusSeconds(60), edge -> false)).containsExactly("client");
        assertThat(agenda.size()).isOne();

        agenda.forget("client");
        assertThat(agenda.due(START.plusSeconds(60), edge -> true)).isEmpty();
        assertThat(agenda.size()).isZero();
    }

    private static RouterSession connected(String owner, SessionState state) {
        return RouterSession.of(new SessionEntry(1, owner, state, false, null, -1, false, INCARNATION, null));
    }

    private static RouterSession disconnected(SessionState state) {
        return RouterSession.of(new SessionEntry(1, "edge-a", state, true, null, -1, false, INCARNATION, null));
    }
}
