package io.wharf.edge.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks clients against what the operator configured, in this order:
 *
 * <ol>
 *   <li>a verified client certificate (on a listener that takes the user name from it) is the
 *       identity, no password needed;
 *   <li>a user of the password file must give that user's password;
 *   <li>otherwise, with JWTs configured, the password must be a valid token, which names the user
 *       (whatever user name the CONNECT claims);
 *   <li>a client with neither user name nor password is anonymous: let in only if
 *       {@code allowAnonymous};
 *   <li>anything else is an unknown user.
 * </ol>
 */
public final class ConfiguredAuthenticator implements Authenticator {

    /** Above this many PBKDF2 iterations a check leaves the event loop (101, mosquitto's default, takes ~0.1 ms). */
    static final int CHEAP_ITERATIONS = 1_000;

    private final Optional<PasswordFile> passwordFile;
    private final Optional<JwtVerifier> jwt;
    private final boolean allowAnonymous;

    public ConfiguredAuthenticator(
            Optional<PasswordFile> passwordFile, Optional<JwtVerifier> jwt, boolean allowAnonymous) {
        this.passwordFile = Objects.requireNonNull(passwordFile, "passwordFile");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public AuthResult authenticate(Credentials credentials, Instant now) {
        String clientId = credentials.clientId();
        if (credentials.certificateIdentity().isPresent()) {
            String user = credentials.certificateIdentity().get();
            return AuthResult.accepted(
                    new ClientPrincipal(clientId, Optional.of(user), groupsOf(user), Optional.of(user)));
        }
        Optional<String> user = credentials.userName();
        Optional<PasswordHash> hash = user.flatMap(name -> passwordFile.flatMap(file -> file.hashOf(name)));
        if (hash.isPresent()) {
            if (credentials.password().isEmpty()) {
                return AuthResult.badUserNameOrPassword("user '" + user.get() + "' gave no password");
            }
            if (!hash.get().matches(credentials.password().get())) {
                return AuthResult.badUserNameOrPassword("wrong password for user '" + user.get() + "'");
            }
            return AuthResult.accepted(new ClientPrincipal(clientId, user, groupsOf(user.get()), Optional.empty()));
        }
        if (jwt.isPresent() && credentials.password().isPresent()) {
            String token = new String(credentials.password().get(), StandardCharsets.UTF_8);
            return jwt.get().verify(clientId, token, now);
        }
        if (user.isEmpty() && credentials.password().isEmpty()) {
            return allowAnonymous
                    ? AuthResult.accepted(ClientPrincipal.anonymous(clientId, Optional.empty()))
                    : AuthResult.notAuthorized("anonymous clients are not allowed (allow-anonymous is off)");
        }
        if (user.isEmpty()) {
            return AuthResult.badUserNameOrPassword("a password without a user name matches no user");
        }
        return AuthResult.badUserNameOrPassword("unknown user '" + user.get() + "'");
    }

    @Override
    public boolean isExpensive(Credentials credentials) {
        return credentials
                .userName()
                .flatMap(name -> passwordFile.flatMap(file -> file.hashOf(name)))
                .map(hash -> hash.iterations() > CHEAP_ITERATIONS)
                .orElse(false);
    }

    private Set<String> groupsOf(String user) {
        return passwordFile.map(file -> file.groupsOf(user)).orElse(Set.of());
    }
}
