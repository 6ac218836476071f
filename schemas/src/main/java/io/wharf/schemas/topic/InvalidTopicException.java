package io.wharf.schemas.topic;

/** A topic name or filter breaks the MQTT rules; the message says which. */
public final class InvalidTopicException extends RuntimeException {

    public InvalidTopicException(String message) {
        super(message);
    }
}
