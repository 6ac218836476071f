package io.wharf.schemas.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which session records count, in the order the log gives them. */
class SessionRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aClaimMakesItsWriterTheOwnerAndKeepsTheLastStateBeforeIt() {
        SessionEntry first = SessionRules.apply(null, SessionRecord.claim("edge-a", null, false, NOW), 10);
        SessionEntry withState = SessionRules.apply(first, SessionRecord.state("edge-a", 10, true, state(5), NOW), 11);

        SessionEntry claimed = SessionRules.apply(withState, SessionRecord.claim("edge-b", state(1), false, NOW), 12);

        assertThat(claimed.claimEpoch()).isEqualTo(12);
        assertThat(claimed.owner()).isEqualTo("edge-b");
        assertThat(claimed.state()).isEqualTo(state(5));
        assertThat(claimed.previousOwner()).isEqualTo("edge-a");
        assertThat(claimed.previousPending()).isTrue();
    }

    @Test
    void writesOfAnOlderOwnerDoNotCountAfterANewerClaim() {
        SessionEntry claimedByB = claimedByBAfterA();

        assertThat(SessionRules.apply(claimedByB, SessionRecord.state("edge-a", 10, true, state(9), NOW), 13))
                .isNull();
    }

    @Test
    void theOlderOwnersReleaseForTheNewClaimHandsOverItsFinalState() {
        SessionEntry released = SessionRules.apply(
                claimedByBAfterA(), SessionRecord.release("edge-a", 10, 12, "edge-b", state(7), NOW), 13);

        assertThat(released.state()).isEqualTo(state(7));
        assertThat(released.previousPending()).isFalse();
        assertThat(released.owner()).isEqualTo("edge-b");
    }

    @Test
    void aDisconnectWrittenBeforeTheOlderOwnerSawTheClaimAlsoHandsOver() {
        SessionEntry handedOver =
                SessionRules.apply(claimedByBAfterA(), SessionRecord.state("edge-a", 10, false, state(8), NOW), 13);

        assertThat(handedOver.state()).isEqualTo(state(8));
        assertThat(handedOver.previousPending()).isFalse();
    }

    @Test
    void aClaimAfterADisconnectWaitsForNobody() {
        SessionEntry first = SessionRules.apply(null, SessionRecord.claim("edge-a", null, false, NOW), 10);
        SessionEntry gone = SessionRules.apply(first, SessionRecord.state("edge-a", 10, false, state(3), NOW), 11);

        SessionEntry claimed = SessionRules.apply(gone, SessionRecord.claim("edge-b", null, false, NOW), 12);

        assertThat(claimed.previousPending()).isFalse();
        assertThat(claimed.state()).isEqualTo(state(3));
    }

    @Test
    void aReleaseAloneAfterCompactionNamesTheNewOwner() {
        SessionEntry fromRelease =
                SessionRules.apply(null, SessionRecord.release("edge-a", 10, 12, "edge-b", state(4), NOW), 13);

        assertThat(fromRelease.claimEpoch()).isEqualTo(12);
        assertThat(fromRelease.owner()).isEqualTo("edge-b");
        assertThat(fromRelease.state()).isEqualTo(state(4));
    }

    @Test
    void aClaimOfTheSameNodeIdByALaterProcessKeepsBothIncarnations() {
        Instant earlier = NOW.minusSeconds(600);
        Instant later = NOW.minusSeconds(2);
        SessionEntry first = SessionRules.apply(
                null, SessionRecord.claim("edge-a", null, false, NOW).withIncarnation(earlier), 10);
        SessionEntry connected = SessionRules.apply(
                first, SessionRecord.state("edge-a", 10, true, state(3), NOW).withIncarnation(earlier), 11);

        SessionEntry reclaimed = SessionRules.apply(
                connected, SessionRecord.claim("edge-a", null, false, NOW).withIncarnation(later), 12);

        assertThat(reclaimed.owner()).isEqualTo("edge-a");
        assertThat(reclaimed.ownerIncarnation()).isEqualTo(later);
        assertThat(reclaimed.previousOwner()).isEqualTo("edge-a");
        assertThat(reclaimed.previousIncarnation()).isEqualTo(earlier);
        assertThat(reclaimed.previousPending()).isTrue();
    }

    @Test
    void aReleaseArrivingAfterTheNewOwnerStoppedWaitingDoesNotReplaceItsNewerState() {
        SessionEntry ownState =
                SessionRules.apply(claimedByBAfterA(), SessionRecord.state("edge-b", 12, true, state(20), NOW), 13);

        SessionEntry afterLateRelease =
                SessionRules.apply(ownState, SessionRecord.release("edge-a", 10, 12, "edge-b", state(7), NOW), 14);

        assertThat(afterLateRelease == null ? ownState.state() : afterLateRelease.state())
                .isEqualTo(state(20));
    }

    @Test
    void aLateDisconnectOfTheOlderOwnerDoesNotReplaceTheNewOwnersState() {
        SessionEntry ownState =
                SessionRules.apply(claimedByBAfterA(), SessionRecord.state("edge-b", 12, true, state(20), NOW), 13);

        SessionEntry afterLate =
                SessionRules.apply(ownState, SessionRecord.state("edge-a", 10, false, state(8), NOW), 14);

        assertThat(afterLate == null ? ownState.state() : afterLate.state()).isEqualTo(state(20));
    }

    private static SessionEntry claimedByBAfterA() {
        SessionEntry first = SessionRules.apply(null, SessionRecord.claim("edge-a", null, false, NOW), 10);
        return SessionRules.apply(first, SessionRecord.claim("edge-b", null, false, NOW), 12);
    }

    private static SessionState state(long next) {
        return new SessionState(
                300,
                List.of(),
                List.of(new SessionState.PartitionOffset("mqtt.messages", 0, next)),
                List.of(),
                List.of(),
                null,
                null);
    }
}
