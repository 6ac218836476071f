package io.wharf.edge.auth.acl;

import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.schemas.topic.TopicFilter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One access rule: whom it is for, what it allows or denies, and on which topics.
 *
 * @param topicPattern a topic filter, in which {@code %u} stands for the client's user name and
 *     {@code %c} for its client id
 * @param allow false for a deny rule, which wins over every allow rule
 */
public record AccessRule(Who who, Set<Action> actions, String topicPattern, boolean allow) {

    static final String USER_NAME = "%u";
    static final String CLIENT_ID = "%c";

    /** @throws IllegalArgumentException if the pattern is no topic filter or no action is given */
    public AccessRule {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(topicPattern, "topicPattern");
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one action");
        }
        actions = Set.copyOf(EnumSet.copyOf(actions));
        // Placeholders are whole levels or parts of one; what they stand for has no wildcard.
        TopicFilter.parse(topicPattern.replace(USER_NAME, "u").replace(CLIENT_ID, "c"));
    }

    public static AccessRule allow(Who who, Set<Action> actions, String topicPattern) {
        return new AccessRule(who, actions, topicPattern, true);
    }

    public static AccessRule deny(Who who, Set<Action> actions, String topicPattern) {
        return new AccessRule(who, actions, topicPattern, false);
    }

    /**
     * The rule's filter for this client, with its placeholders filled in; empty when the rule is
     * not for the client, or a placeholder has nothing to stand for (no user name, or a value that
     * would put a wildcard or a level separator into the filter).
     */
    Optional<TopicFilter> filterFor(ClientPrincipal principal) {
        if (!who.matches(principal)) {
            return Optional.empty();
        }
        String text = topicPattern;
        if (text.contains(USER_NAME)) {
            Optional<String> user = principal.userName().filter(AccessRule::fitsALevel);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            text = text.replace(USER_NAME, user.get());
        }
        if (text.contains(CLIENT_ID)) {
            if (!fitsALevel(principal.clientId())) {
                return Optional.empty();
            }
            text = text.replace(CLIENT_ID, principal.clientId());
        }
        return Optional.of(TopicFilter.parse(text));
    }

    /** A user name or client id with '/', '+' or '#' would let a client reach beyond its own level. */
    private static boolean fitsALevel(String value) {
        return !value.isEmpty() && value.chars().noneMatch(c -> c == '/' || c == '+' || c == '#');
    }
}
