package io.wharf.edge.admin;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The credentials the admin API takes: {@code Bearer} with the configured admin token, or HTTP
 * {@code Basic} for a user of the password file who is in group {@value #ADMIN_GROUP}.
 */
public final class AdminCredentials implements AdminAccess {

    /** The password-file group whose members may use the admin API. */
    public static final String ADMIN_GROUP = "admin";

    /** The shortest admin token taken: shorter ones are guessed too easily. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private final Optional<byte[]> token;
    private final Optional<UserDirectory> users;

    /**
     * @param token the admin token, if one is set
     * @param users the users MQTT clients are checked against (the password file's, then the
     *     cluster's auth topic's), read at each request
     * @throws IllegalArgumentException for a token shorter than {@value #MIN_TOKEN_LENGTH} characters
     */
    public AdminCredentials(Optional<String> token, Optional<UserDirectory> users) {
        token.ifPresent(AdminCredentials::checkToken);
        this.token = token.map(text -> text.getBytes(StandardCharsets.UTF_8));
        this.users = users;
    }

    /** Why {@code token} cannot be an admin token, or empty when it can. */
    public static Optional<String> problemOf(String token) {
        return token.length() < MIN_TOKEN_LENGTH
                ? Optional.of("is " + token.length() + " characters long; use " + MIN_TOKEN_LENGTH
                        + " or more (for example: openssl rand -hex 24)")
                : Optional.empty();
    }

    @Override
    public boolean permits(String authorization) {
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        return switch (scheme) {
            case "bearer" -> bearer(value);
            case "basic" -> basic(value);
            default -> false;
        };
    }

    /** A Basic check hashes the password; a token is only compared. */
    @Override
    public boolean isExpensive(String authorization) {
        return users.isPresent()
                && authorization != null
                && authorization.regionMatches(true, 0, "basic ", 0, "basic ".length());
    }

    private boolean bearer(String value) {
        // Compared in constant time, so the answer's timing tells nothing of the token.
        return token.map(expected -> MessageDigest.isEqual(expected, value.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private boolean basic(String value) {
        if (users.isEmpty()) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = decoded.substring(0, colon);
        byte[] password = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        PasswordFile file = users.get().current();
        return file.groupsOf(user).contains(ADMIN_GROUP)
                && file.hashOf(user).map(hash -> hash.matches(password)).orElse(false);
    }

    private static void checkToken(String token) {
        problemOf(token).ifPresent(problem -> {
            throw new IllegalArgumentException("the admin token " + problem);
        });
    }
}
