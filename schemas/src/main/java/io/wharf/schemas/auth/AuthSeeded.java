package io.wharf.schemas.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Written once, keyed {@code seeded}, by the edge that first filled the topic from its files: later
 * edges then take the topic as it is, even after every user and rule was removed from it.
 *
 * @param at when the topic was seeded
 * @param by the node id of the edge that seeded it
 */
public record AuthSeeded(int v, Instant at, String by) implements AuthEntry {

    public static final int VERSION = 1;

    public AuthSeeded {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    public static AuthSeeded of(Instant at, String by) {
        return new AuthSeeded(VERSION, at, by);
    }
}
