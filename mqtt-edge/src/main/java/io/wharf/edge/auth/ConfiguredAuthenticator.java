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
 *   <li>anything else is an unknown user, unless user names are taken as claimed (the laptop
 *       default, where no user needs a password until one is added to the cluster's users).
 * </ol>
 *
 * <p>The users are those of a {@link UserDirectory}, read at each CONNECT, so that users added or
 * removed through the cluster's auth topic count from the next CONNECT on.
 */
public final class ConfiguredAuthenticator implements Authenticator {

    /** Above this many PBKDF2 iterations a check leaves the event loop (101, mosquitto's default, takes ~0.1 ms). */
    static final int CHEAP_ITERATIONS = 1_000;

    private final UserDirectory users;
    private final Optional<JwtVerifier> jwt;
    private final boolean allowAnonymous;
    private final boolean trustsClaimedNames;

    public ConfiguredAuthenticator(
            Optional<PasswordFile> passwordFile, Optional<JwtVerifier> jwt, boolean allowAnonymous) {
        this(new UserDirectory(passwordFile.orElse(PasswordFile.empty())), jwt, allowAnonymous, false);
    }

    /**
     * @param trustsClaimedNames whether a user name the directory does not know is let in as the
     *     client claims it (with any password), as an edge that checks nobody does
     */
    public ConfiguredAuthenticator(
            UserDirectory users, Optional<JwtVerifier> jwt, boolean allowAnonymous, boolean trustsClaimedNames) {
        this.users = Objects.requireNonNull(users, "users");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.allowAnonymous = allowAnonymous;
        this.trustsClaimedNames = trustsClaimedNames;
    }

    @Override
    public Optional<UserDirectory> users() {
        return Optional.of(users);
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
        PasswordFile passwordFile = users.current();
        Optional<PasswordHash> hash = user.flatMap(passwordFile::hashOf);
        if (hash.isPresent()) {
            if (credentials.password().isEmpty()) {
                return AuthResult.badUserNameOrPassword("user '" + user.get() + "' gave no password");
            }
            if (!hash.get().matches(credentials.password().get())) {
                return AuthResult.badUserNameOrPassword("wrong password for user '" + user.get() + "'");
            }
            return AuthResult.accepted(
                    new ClientPrincipal(clientId, user, passwordFile.groupsOf(user.get()), Optional.empty(), true));
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
        if (trustsClaimedNames) {
            return AuthResult.accepted(new ClientPrincipal(clientId, user, Set.of(), Optional.empty()));
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
                .flatMap(name -> users.current().hashOf(name))
                .map(hash -> hash.iterations() > CHEAP_ITERATIONS)
                .orElse(false);
    }

    private Set<String> groupsOf(String user) {
        return users.current().groupsOf(user);
    }
}
