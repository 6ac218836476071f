package io.wharf.schemas.auth;

import java.util.List;
import java.util.Objects;

/**
 * An access rule, keyed by all of its fields ({@link AuthKeys#rule}), so that the same rule written
 * twice is one record and removing it is a tombstone of that key.
 *
 * @param who whom the rule is for: {@code anyone}, {@code anonymous}, {@code user}, {@code client},
 *     {@code group} or {@code certificate}
 * @param name the user name, client id, group or certificate identity; empty for {@code anyone}
 *     and {@code anonymous}
 * @param access {@code allow} or {@code deny}
 * @param actions some of {@code publish}, {@code subscribe} and {@code receive}, in that order
 * @param topic a topic filter, in which {@code %u} stands for the user name and {@code %c} for the
 *     client id
 */
public record AuthRule(int v, String who, String name, String access, List<String> actions, String topic)
        implements AuthEntry {

    public static final int VERSION = 1;

    public AuthRule {
        Objects.requireNonNull(who, "who");
        name = name == null ? "" : name;
        Objects.requireNonNull(access, "access");
        actions = List.copyOf(actions);
        Objects.requireNonNull(topic, "topic");
    }

    public static AuthRule of(String who, String name, String access, List<String> actions, String topic) {
        return new AuthRule(VERSION, who, name, access, actions, topic);
    }
}
