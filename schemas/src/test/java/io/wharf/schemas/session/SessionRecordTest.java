package io.wharf.schemas.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.Golden;
import io.wharf.schemas.SchemaDocument;
import io.wharf.schemas.WillRecords;
import io.wharf.schemas.message.ApplicationMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edges, the router and outside tools read {@code mqtt.sessions}; its format is pinned here. */
class SessionRecordTest {

    private static final Instant WRITTEN_AT = Instant.parse("2026-01-31T08:00:00.250Z");
    /** When the writing edge process started. */
    private static final Instant INCARNATION = Instant.parse("2026-01-31T07:59:12.125Z");

    /** A will as the edge stores it: the message record it becomes, headers and all. */
    private static final SessionState.Will WILL = WillRecords.stored(
            new ApplicationMessage(
                    "devices/42/status",
                    "offline".getBytes(StandardCharsets.UTF_8),
                    1,
                    true,
                    "device-42",
                    0L,
                    new ApplicationMessage.Properties(null, null, "text/plain", null, null, List.of())),
            30);

    /** Every optional field set. */
    private static final SessionState FULL_STATE = new SessionState(
            3600,
            List.of(
                    new SessionState.Subscription("commands/device-42/#", 2, true, true, 1, 7),
                    new SessionState.Subscription("broadcast/+", 0, false, false, 0, 0)),
            List.of(
                    new SessionState.PartitionOffset("mqtt.messages", 0, 1200),
                    new SessionState.PartitionOffset("mqtt.messages", 5, 31)),
            List.of(
                    new SessionState.InFlightMessage(17, "mqtt.messages", 0, 1198, 1, false, List.of(7), false),
                    new SessionState.InFlightMessage(18, "mqtt.messages", 5, 30, 2, true, List.of(), true)),
            List.of(4, 9),
            Instant.parse("2026-01-31T07:59:58Z"),
            WILL);

    /** Only what every state has. */
    private static final SessionState MINIMAL_STATE =
            new SessionState(0, List.of(), List.of(), List.of(), List.of(), null, null);

    @Test
    void aClaimIsWrittenAsTheGoldenFileSays() throws Exception {
        SessionRecord claim =
                SessionRecord.claim("edge-2", FULL_STATE, true, WRITTEN_AT).withIncarnation(INCARNATION);

        assertPinned(claim, "session-claim-full.json");
    }

    @Test
    void aStateIsWrittenAsTheGoldenFileSays() throws Exception {
        SessionRecord state = SessionRecord.state("edge-1", 1180, true, MINIMAL_STATE, WRITTEN_AT)
                .withIncarnation(INCARNATION);

        assertPinned(state, "session-state-minimal.json");
    }

    @Test
    void aReleaseIsWrittenAsTheGoldenFileSays() throws Exception {
        SessionRecord release = SessionRecord.release(
                        "edge-1", 1180, 1215, "edge-2", FULL_STATE.disconnectedAt(WRITTEN_AT), WRITTEN_AT)
                .withIncarnation(INCARNATION);

        assertPinned(release, "session-release.json");
    }

    @Test
    void anEndedSessionIsAStateWithoutState() throws Exception {
        SessionRecord ended = SessionRecord.state("router", 1215, false, null, WRITTEN_AT);

        assertPinned(ended, "session-ended.json");
    }

    @Test
    void aReaderIgnoresFieldsItDoesNotKnow() throws Exception {
        SessionRecord expected = new SessionRecord(
                3,
                SessionRecord.Kind.STATE,
                "edge-1",
                1180L,
                null,
                null,
                true,
                MINIMAL_STATE,
                null,
                WRITTEN_AT,
                INCARNATION);

        Golden.assertReadsAs("session-state-newer-writer.json", SessionRecord.class, expected);
        Golden.assertValid("session-state-newer-writer.json", SchemaDocument.SESSION_RECORD);
    }

    @Test
    void aRecordOfAWriterBeforeIncarnationsReadsWithoutOne() throws Exception {
        SessionRecord expected = new SessionRecord(
                1, SessionRecord.Kind.STATE, "edge-1", 1180L, null, null, true, MINIMAL_STATE, null, WRITTEN_AT, null);

        Golden.assertReadsAs("session-state-v1.json", SessionRecord.class, expected);
        Golden.assertValid("session-state-v1.json", SchemaDocument.SESSION_RECORD);
    }

    @Test
    void theSchemaAsksAReleaseWhomItReleasesTo() {
        String releaseToNobody = Golden.text("session-release.json").replace("\"releasedTo\"", "\"releasedBy\"");

        assertThat(Golden.errors(releaseToNobody, SchemaDocument.SESSION_RECORD))
                .isNotEmpty();
    }

    private static void assertPinned(SessionRecord record, String golden) throws Exception {
        Golden.assertPinned(record, SessionRecord.class, golden, SchemaDocument.SESSION_RECORD);
    }
}
