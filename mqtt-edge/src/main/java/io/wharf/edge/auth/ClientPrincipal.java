package io.wharf.edge.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a connected client is, as its CONNECT and its listener established it: what access rules
 * are matched against. Held by the connection from CONNACK on.
 *
 * @param clientId the client id in force (assigned by the edge if the client sent none)
 * @param userName the authenticated user name, if any (from CONNECT, a token or a certificate)
 * @param groups the groups the user belongs to (from the password file or a token), possibly none
 * @param certificateIdentity the identity of the client certificate on a mutual-TLS listener
 * @param byPassword whether the user name was checked against a password of the edge's users, so
 *     that removing the user or changing the password ends the connection
 */
public record ClientPrincipal(
        String clientId,
        Optional<String> userName,
        Set<String> groups,
        Optional<String> certificateIdentity,
        boolean byPassword) {

    public ClientPrincipal {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userName, "userName");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(certificateIdentity, "certificateIdentity");
    }

    /** A client whose identity no password vouches for (anonymous, a token, a certificate, or unchecked). */
    public ClientPrincipal(
            String clientId, Optional<String> userName, Set<String> groups, Optional<String> certificateIdentity) {
        this(clientId, userName, groups, certificateIdentity, false);
    }

    /** The same client in other groups (its user's changed). */
    public ClientPrincipal withGroups(Set<String> replacement) {
        return new ClientPrincipal(clientId, userName, replacement, certificateIdentity, byPassword);
    }

    /** A client that gave no identity the edge checked. */
    public static ClientPrincipal anonymous(String clientId, Optional<String> certificateIdentity) {
        return new ClientPrincipal(clientId, Optional.empty(), Set.of(), certificateIdentity);
    }
}
