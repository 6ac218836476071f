package io.wharf.edge.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who a connecting client is, from its {@link Credentials}. Called on the connection's
 * event loop, so an implementation must not block (a cheap hash check is fine; see
 * {@link #isExpensive}).
 */
public interface Authenticator {

    /**
     * @param now the edge's clock at CONNECT, which token lifetimes are checked against
     */
    AuthResult authenticate(Credentials credentials, Instant now);

    /**
     * True when checking these credentials costs enough (a slow password hash) that it must not
     * run on an event loop; the edge then runs it on its small authentication executor.
     */
    default boolean isExpensive(Credentials credentials) {
        return false;
    }

    /** The users whose passwords this authenticator checks, if it checks any: the cluster's auth topic replaces them. */
    default Optional<UserDirectory> users() {
        return Optional.empty();
    }

    /**
     * Lets every client in, under the user name its CONNECT claims (unchecked) or its certificate's:
     * the edge's default when nothing is configured, as an embedded or laptop broker.
     */
    static Authenticator acceptingEveryone() {
        return (credentials, now) -> AuthResult.accepted(new ClientPrincipal(
                credentials.clientId(),
                credentials.certificateIdentity().or(credentials::userName),
                Set.of(),
                credentials.certificateIdentity()));
    }
}
