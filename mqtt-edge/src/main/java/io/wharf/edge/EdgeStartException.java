package io.wharf.edge;

/** The edge could not start; the message says what to fix. */
public final class EdgeStartException extends RuntimeException {

    public EdgeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
