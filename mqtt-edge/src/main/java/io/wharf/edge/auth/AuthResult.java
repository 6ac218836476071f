package io.wharf.edge.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What an {@link Authenticator} decided on a client's credentials. */
public sealed interface AuthResult {

    /**
     * The client is who {@code principal} says.
     *
     * @param expiresAt when its credentials stop being valid (a token's {@code exp}); the edge
     *     disconnects the client then
     */
    record Accepted(ClientPrincipal principal, Optional<Instant> expiresAt) implements AuthResult {
        public Accepted {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * The client is refused.
     *
     * @param reason for the connection log; never holds the password
     */
    record Refused(Refusal refusal, String reason) implements AuthResult {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Accepted accepted(ClientPrincipal principal) {
        return new Accepted(principal, Optional.empty());
    }

    static Refused badUserNameOrPassword(String reason) {
        return new Refused(Refusal.BAD_USER_NAME_OR_PASSWORD, reason);
    }

    static Refused notAuthorized(String reason) {
        return new Refused(Refusal.NOT_AUTHORIZED, reason);
    }
}
