package io.wharf.kafka.embedded;

/** The embedded broker could not start; the message says why and what to do. */
public final class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
