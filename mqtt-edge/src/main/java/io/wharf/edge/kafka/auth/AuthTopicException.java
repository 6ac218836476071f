package io.wharf.edge.kafka.auth;

/** The auth topic could not be read or written: Kafka is unreachable, or refused. */
public final class AuthTopicException extends RuntimeException {

    public AuthTopicException(String message) {
        super(message);
    }

    public AuthTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
