package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import java.util.EnumSet;
import java.util.Set;

/**
 * Why the edge stops reading from a connected client, each reason on its own: reading goes on only
 * once none is left, so the Receive Maximum and the publish rate never undo each other's pause.
 * Used on the channel's event loop only.
 */
final class ReadPauses {

    /** What can stop the edge reading from a client. */
    enum Reason {
        /** An MQTT 3 client has as many QoS 1 and 2 messages unanswered as the Receive Maximum. */
        RECEIVE_MAXIMUM,
        /** The client published faster than its publish rate allows. */
        PUBLISH_RATE,
        /** CONNECT is not answered yet: what the client sent meanwhile waits. */
        CONNECTING,
        /**
         * Kafka's producer could not take the client's last message at once: what the client sends
         * meanwhile stays in its socket rather than in the edge's heap.
         */
        LOG_FULL
    }

    private final Channel channel;
    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);

    ReadPauses(Channel channel) {
        this.channel = channel;
    }

    void pause(Reason reason) {
        reasons.add(reason);
        channel.config().setAutoRead(false);
    }

    void resume(Reason reason) {
        if (reasons.remove(reason) && reasons.isEmpty()) {
            channel.config().setAutoRead(true);
        }
    }

    boolean isPaused(Reason reason) {
        return reasons.contains(reason);
    }
}
