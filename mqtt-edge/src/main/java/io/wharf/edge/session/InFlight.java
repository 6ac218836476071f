package io.wharf.edge.session;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import java.util.List;

/**
 * A QoS 1 or 2 message sent to the client and not yet acknowledged.
 *
 * @param message the message, or null when a resumed session knows only its position (it is read
 *     again before it is re-sent)
 * @param released for QoS 2: the client sent PUBREC and the edge PUBREL; only PUBCOMP is awaited
 */
public record InFlight(
        int packetId,
        LogPosition position,
        int qos,
        boolean retain,
        List<Integer> subscriptionIds,
        LoggedMessage message,
        boolean released) {

    public InFlight {
        subscriptionIds = List.copyOf(subscriptionIds);
    }

    InFlight asReleased() {
        return new InFlight(packetId, position, qos, retain, subscriptionIds, message, true);
    }

    /** The same entry without the message itself, as a stored session keeps it. */
    InFlight withoutMessage() {
        return new InFlight(packetId, position, qos, retain, subscriptionIds, null, released);
    }

    InFlight withMessage(LoggedMessage read) {
        return new InFlight(packetId, position, qos, retain, subscriptionIds, read, released);
    }
}
