package io.wharf.schemas.session;

/**
 * Which session record counts, as a pure function of what is known and the next record in log
 * order (see {@link SessionRecord} for the rules in words).
 */
public final class SessionRules {

    private SessionRules() {}

    /** The entry after {@code record} at {@code offset}, or null when the record does not count. */
    public static SessionEntry apply(SessionEntry current, SessionRecord record, long offset) {
        switch (record.kind()) {
            case CLAIM -> {
                boolean previousPending = current != null && !current.ownerDisconnected();
                // The last state before the claim is what the new owner continues from unless handed newer.
                return new SessionEntry(
                        offset,
                        record.owner(),
                        current != null ? current.state() : record.state(),
                        false,
                        current != null ? current.owner() : null,
                        current != null ? current.claimEpoch() : -1,
                        previousPending,
                        record.incarnation(),
                        current != null ? current.ownerIncarnation() : null);
            }
            case STATE -> {
                long epoch = record.epoch() == null ? -1 : record.epoch();
                if (current == null) {
                    return new SessionEntry(
                            epoch,
                            record.owner(),
                            record.state(),
                            !record.connected(),
                            null,
                            -1,
                            false,
                            record.incarnation(),
                            null);
                }
                if (epoch == current.claimEpoch()) {
                    // The owner writes under its claim only once it stopped waiting for the hand-over: a
                    // release of the previous owner arriving later would replace a newer state.
                    return current.withState(record.state(), !record.connected())
                            .handedOver(record.state());
                }
                if (epoch == current.previousEpoch() && current.previousPending() && !record.connected()) {
                    return current.handedOver(record.state()); // written before the previous owner saw the claim
                }
                return null;
            }
            case RELEASE -> {
                long releasedFor = record.releasedFor() == null ? -1 : record.releasedFor();
                if (current == null) {
                    return new SessionEntry(
                            releasedFor,
                            record.releasedTo(),
                            record.state(),
                            false,
                            record.owner(),
                            -1,
                            false,
                            null,
                            record.incarnation());
                }
                if (releasedFor == current.claimEpoch() && current.previousPending()) {
                    return current.handedOver(record.state());
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }
}
