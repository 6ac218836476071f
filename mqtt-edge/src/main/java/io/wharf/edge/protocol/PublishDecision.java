package io.wharf.edge.protocol;

import io.wharf.schemas.message.ApplicationMessage;

/** What to do with a PUBLISH (or the PUBREL that ends a QoS 2 one). */
sealed interface PublishDecision permits PublishDecision.Store, PublishDecision.Ignore, PublishReply, Disconnect {

    /** Hand the message to the log; QoS 1 and 2 are answered once it is stored. */
    record Store(ApplicationMessage message, int packetId) implements PublishDecision {
        int qos() {
            return message.qos();
        }
    }

    /** Nothing to do now: the answer to an earlier copy of the message is on its way. */
    enum Ignore implements PublishDecision {
        INSTANCE
    }
}
