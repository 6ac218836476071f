package io.wharf.edge.auth;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The edge's authentication: its {@link Authenticator}, the refusals it counts per host, and the
 * {@link SlowChecks} that take the checks too slow for an event loop. A check that finds their
 * queue full fails, which the client hears as "server unavailable".
 */
public final class Authentication {

    private final Authenticator authenticator;
    private final FailedAttempts failedAttempts;
    private final SlowChecks slowChecks;

    public Authentication(Authenticator authenticator, FailedAttempts failedAttempts, SlowChecks slowChecks) {
        this.authenticator = authenticator;
        this.failedAttempts = failedAttempts;
        this.slowChecks = slowChecks;
    }

    /**
     * Checks {@code credentials}: at once on the calling thread when that is cheap, else on a thread
     * of its own (the future then completes there).
     */
    public CompletableFuture<AuthResult> check(Credentials credentials, Instant now) {
        if (!authenticator.isExpensive(credentials)) {
            try {
                return CompletableFuture.completedFuture(authenticator.authenticate(credentials, now));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return slowChecks.run(() -> authenticator.authenticate(credentials, now));
    }

    public FailedAttempts failedAttempts() {
        return failedAttempts;
    }
}
