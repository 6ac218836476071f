package io.wharf.schemas.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A record of {@code mqtt.sessions}, keyed by client id. Every record carries the whole session
 * state, so that the newest one alone (all a compacted topic keeps) is enough to continue.
 *
 * <p>Ownership: a {@link Kind#CLAIM} makes its writer the owner, and its offset becomes the
 * session's epoch. {@link Kind#STATE} records of the owner carry that epoch; a record with an older
 * epoch counts only as the previous owner's last word for that very claim: a {@link Kind#RELEASE}
 * naming it ({@code releasedFor}), or a disconnected STATE written before the previous owner saw
 * it. A STATE with no state means the session ended; only the router writes tombstones, to let
 * compaction drop ended and expired sessions.
 *
 * <p>An owner is an edge process: its node id and its incarnation. A node id restarted at once
 * sends heartbeats again, so the sessions of its earlier process are told from those of the new
 * one by {@link #incarnation}.
 *
 * @param v format version; new fields are optional, so readers accept any version
 * @param owner the node id of the edge that wrote it
 * @param epoch for STATE and RELEASE: the offset of the claim under which the writer owns the
 *     session; for CLAIM: unknown when written, so absent (its own offset is the epoch)
 * @param releasedFor for RELEASE: the offset of the newer claim it hands the session to
 * @param releasedTo for RELEASE: the node id of the edge that made that claim
 * @param connected whether the client is connected to the owner
 * @param state the session state; for a CLAIM, the newest state its writer knew of
 * @param cleanStart for CLAIM: the new connection starts a new session, which ends the old one (and
 *     makes its pending will due at once)
 * @param incarnation when the writing edge process started (the {@code startedAt} of its heartbeats),
 *     so that a session owned by an earlier process of the same node id counts as a dead edge's;
 *     null from the router and from writers older than version 2
 */
public record SessionRecord(
        int v,
        Kind kind,
        String owner,
        Long epoch,
        Long releasedFor,
        String releasedTo,
        boolean connected,
        SessionState state,
        Boolean cleanStart,
        Instant writtenAt,
        Instant incarnation) {

    public static final int VERSION = 2;

    /** Hidden from Jackson, which would otherwise write {@code cleanStart} from it: false on every STATE and RELEASE. */
    @JsonIgnore
    public boolean isCleanStart() {
        return Boolean.TRUE.equals(cleanStart);
    }

    public enum Kind {
        CLAIM,
        STATE,
        RELEASE
    }

    public static SessionRecord claim(String owner, SessionState base, boolean cleanStart, Instant now) {
        return new SessionRecord(VERSION, Kind.CLAIM, owner, null, null, null, true, base, cleanStart, now, null);
    }

    public static SessionRecord state(String owner, long epoch, boolean connected, SessionState state, Instant now) {
        return new SessionRecord(VERSION, Kind.STATE, owner, epoch, null, null, connected, state, null, now, null);
    }

    public static SessionRecord release(
            String owner, long epoch, long releasedFor, String releasedTo, SessionState state, Instant now) {
        return new SessionRecord(
                VERSION, Kind.RELEASE, owner, epoch, releasedFor, releasedTo, false, state, null, now, null);
    }

    /** The same record, written by the edge process that started at {@code startedAt}. */
    public SessionRecord withIncarnation(Instant startedAt) {
        return new SessionRecord(
                v, kind, owner, epoch, releasedFor, releasedTo, connected, state, cleanStart, writtenAt, startedAt);
    }
}
