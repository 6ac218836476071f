package io.wharf.schemas.auth;

import java.util.List;
import java.util.Objects;

/**
 * A user who may connect with a password, keyed {@code user:NAME}.
 *
 * @param user the user name
 * @param hash the password hash as {@code mosquitto_passwd} writes it after the colon
 *     ({@code $7$...} or {@code $6$...}); never the password
 * @param groups the groups the user is in, which access rules may name
 */
public record AuthUser(int v, String user, String hash, List<String> groups) implements AuthEntry {

    public static final int VERSION = 1;

    public AuthUser {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static AuthUser of(String user, String hash, List<String> groups) {
        return new AuthUser(VERSION, user, hash, groups);
    }
}
