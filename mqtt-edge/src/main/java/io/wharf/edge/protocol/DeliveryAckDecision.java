package io.wharf.edge.protocol;

/** What an acknowledgement from the client (PUBACK, PUBREC, PUBCOMP) means for its session. */
sealed interface DeliveryAckDecision {

    /** PUBACK: the QoS 1 message is delivered; its packet id is free. */
    record Delivered(int packetId) implements DeliveryAckDecision {}

    /**
     * PUBREC: the client has the QoS 2 message; if it {@code accepted} it, PUBREL follows, otherwise
     * the exchange ends here.
     */
    record Received(int packetId, boolean accepted) implements DeliveryAckDecision {}

    /** PUBCOMP: the QoS 2 exchange is over; its packet id is free. */
    record Completed(int packetId) implements DeliveryAckDecision {}
}
