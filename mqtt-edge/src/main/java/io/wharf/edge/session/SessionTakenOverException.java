package io.wharf.edge.session;

/** A later connection claimed the session before this one could. */
public final class SessionTakenOverException extends RuntimeException {

    public SessionTakenOverException(String clientId) {
        super("the session of " + clientId + " was claimed by a later connection");
    }
}
