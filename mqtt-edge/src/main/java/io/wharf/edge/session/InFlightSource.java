package io.wharf.edge.session;

import io.wharf.edge.shared.SharedDelivery;

/**
 * Where a message in flight to the client came from, which decides what its acknowledgement
 * settles: the session's own messages (read by its cursor, retained ones, those restored with it)
 * are stored with the session and move its place in the log; a shared group's message is the
 * group's to hand to another member if this client does not take it; a replay's message belongs to
 * its connection only.
 */
abstract sealed class InFlightSource {

    static final InFlightSource OWN = new Own();
    static final InFlightSource REPLAY = new Replay();

    static InFlightSource shared(SharedDelivery delivery) {
        return new Shared(delivery);
    }

    /**
     * Whether the message is stored with the session: it counts in the stored state, and its QoS 2
     * PUBLISH and PUBREL go out only once that state is durable.
     */
    boolean isStored() {
        return false;
    }

    /** The client answered PUBREC: it has the message. */
    void received() {}

    /** The message left the window: acknowledged, refused by the client, or too large to send. */
    void settled() {}

    /** Whether the message goes back to its group when the connection ends unacknowledged. */
    boolean belongsToAGroup() {
        return false;
    }

    /** The connection ends with the message unacknowledged; see {@link #belongsToAGroup()}. */
    void handedBack() {}

    private static final class Own extends InFlightSource {
        @Override
        boolean isStored() {
            return true;
        }
    }

    private static final class Replay extends InFlightSource {}

    private static final class Shared extends InFlightSource {

        private final SharedDelivery delivery;

        Shared(SharedDelivery delivery) {
            this.delivery = delivery;
        }

        @Override
        boolean belongsToAGroup() {
            return true;
        }

        /** Another member must not get it as well; it stays in the window until PUBCOMP. */
        @Override
        void received() {
            delivery.accepted();
        }

        @Override
        void settled() {
            delivery.accepted();
        }

        /** Another member gets it; no effect on a QoS 2 message after PUBREC: the client has that one. */
        @Override
        void handedBack() {
            delivery.released();
        }
    }
}
