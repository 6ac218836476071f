package io.wharf.edge.kafka;

/** Wharf's topics could not be made ready; the message says why and how to fix it. */
public final class TopicProvisioningException extends RuntimeException {

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
