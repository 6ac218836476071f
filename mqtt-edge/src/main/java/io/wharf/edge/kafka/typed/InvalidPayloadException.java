package io.wharf.edge.kafka.typed;

/** A payload that does not fit its mapping rule's schema, and why. */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(String why) {
        super(why, null, false, false);
    }
}
