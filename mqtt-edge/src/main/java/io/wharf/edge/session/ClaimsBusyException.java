package io.wharf.edge.session;

/** A claim that waited its whole time for its turn in the session store: it was never written. */
public final class ClaimsBusyException extends RuntimeException {

    public ClaimsBusyException(int inFlight, long waitedMillis) {
        super("the edge had " + inFlight + " claims in Kafka and more waiting for " + waitedMillis + " ms");
    }
}
