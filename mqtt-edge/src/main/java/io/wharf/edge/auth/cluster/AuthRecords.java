package io.wharf.edge.auth.cluster;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.Action;
import io.wharf.edge.auth.acl.Who;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthRule;
import io.wharf.schemas.auth.AuthUser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Users and access rules as records of the auth topic, and back. */
public final class AuthRecords {

    private static final String ALLOW = "allow";
    private static final String DENY = "deny";

    private AuthRecords() {}

    /** The records that put the users of {@code users} and {@code rules} into an empty topic. */
    public static List<AuthEntry> seedOf(PasswordFile users, AccessRules rules) {
        List<AuthEntry> entries = new ArrayList<>();
        for (String user : new TreeSet<>(users.userNames())) {
            entries.add(user(user, users.hashOf(user).orElseThrow().encoded(), users.groupsOf(user)));
        }
        rules.rules().forEach(rule -> entries.add(rule(rule)));
        return entries;
    }

    public static AuthUser user(String name, String encodedHash, Set<String> groups) {
        return AuthUser.of(name, encodedHash, List.copyOf(new TreeSet<>(groups)));
    }

    public static AuthRule rule(AccessRule rule) {
        List<String> actions = EnumSet.copyOf(rule.actions()).stream()
                .map(action -> action.name().toLowerCase(Locale.ROOT))
                .toList();
        return AuthRule.of(
                rule.who().kind().name().toLowerCase(Locale.ROOT),
                rule.who().name(),
                rule.allow() ? ALLOW : DENY,
                actions,
                rule.topicPattern());
    }

    /** @throws IllegalArgumentException saying which field is not one this edge knows */
    public static AccessRule accessRule(AuthRule rule) {
        Who who = new Who(word(Who.Kind.class, rule.who(), "who"), rule.name());
        Set<Action> actions = EnumSet.noneOf(Action.class);
        rule.actions().forEach(action -> actions.add(word(Action.class, action, "action")));
        if (!rule.access().equals(ALLOW) && !rule.access().equals(DENY)) {
            throw new IllegalArgumentException("access '" + rule.access() + "' is neither allow nor deny");
        }
        return new AccessRule(who, actions, rule.topic(), rule.access().equals(ALLOW));
    }

    private static <E extends Enum<E>> E word(Class<E> type, String word, String field) {
        try {
            return Enum.valueOf(type, word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + word + "' is not one this edge knows", e);
        }
    }
}
