package io.wharf.edge.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Who may connect to an edge, and how refusals are slowed down.
 *
 * @param authenticator decides on every CONNECT's credentials
 * @param firstRefusalDelay how long the second refusal of a host within a minute waits; each
 *     further one waits twice as long as the one before (see {@link FailedAttempts})
 * @param maxRefusalDelay the longest a refusal waits
 */
public record AuthSettings(Authenticator authenticator, Duration firstRefusalDelay, Duration maxRefusalDelay) {

    public AuthSettings {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(firstRefusalDelay, "firstRefusalDelay");
        Objects.requireNonNull(maxRefusalDelay, "maxRefusalDelay");
    }

    /** Everyone let in (an embedded or laptop edge); refusals waiting from 0.2 s up to 5 s. */
    public static AuthSettings acceptingEveryone() {
        return checkedBy(Authenticator.acceptingEveryone());
    }

    /** Clients checked by {@code authenticator}; refusals waiting from 0.2 s up to 5 s. */
    public static AuthSettings checkedBy(Authenticator authenticator) {
        return new AuthSettings(authenticator, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    public AuthSettings withRefusalDelays(Duration first, Duration max) {
        return new AuthSettings(authenticator, first, max);
    }

    /** The record of refusals per host these settings ask for: 10,000 hosts, each for a minute. */
    public FailedAttempts failedAttempts() {
        return new FailedAttempts(10_000, Duration.ofMinutes(1), firstRefusalDelay, maxRefusalDelay);
    }
}
