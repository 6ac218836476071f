package io.wharf.edge.auth.acl;

import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every access rule of an edge. With no rules at all everything is allowed (the laptop default);
 * once there is one, what no allow rule names is denied, unless {@code allowsUnnamed} (the old
 * {@code --deny-subscribe} alone denies only what it names). Deny rules win over allow rules.
 *
 * @param allowsUnnamed whether what no rule names is allowed
 */
public record AccessRules(List<AccessRule> rules, boolean allowsUnnamed) {

    /** No rules: everything is allowed. */
    public static final AccessRules NONE = new AccessRules(List.of(), true);

    private static final ClientRules EVERYTHING = new ClientRules(List.of(), List.of(), true);

    public AccessRules {
        rules = List.copyOf(rules);
    }

    /** Rules read from a file or a topic: what they do not allow is denied. */
    public static AccessRules of(List<AccessRule> rules) {
        return rules.isEmpty() ? NONE : new AccessRules(rules, false);
    }

    /** Whether nothing is ever denied, so that no check needs to be made. */
    public boolean allowsEverything() {
        return allowsUnnamed && rules.stream().allMatch(AccessRule::allow);
    }

    /**
     * These rules, and no client may subscribe into {@code filters} nor receive their messages
     * through a wider filter; without other rules, everything else stays allowed.
     */
    public AccessRules denyingSubscriptions(List<TopicFilter> filters) {
        if (filters.isEmpty()) {
            return this;
        }
        List<AccessRule> all = new ArrayList<>(rules);
        Set<Action> read = EnumSet.of(Action.SUBSCRIBE, Action.RECEIVE);
        filters.forEach(filter -> all.add(AccessRule.deny(Who.ANYONE, read, filter.text())));
        return new AccessRules(all, allowsUnnamed);
    }

    /** The rules that apply to this client, bound to it. */
    public ClientRules forClient(ClientPrincipal principal) {
        if (allowsEverything()) {
            return EVERYTHING;
        }
        List<ClientRules.Bound> allows = new ArrayList<>();
        List<ClientRules.Bound> denies = new ArrayList<>();
        for (AccessRule rule : rules) {
            Optional<TopicFilter> filter = rule.filterFor(principal);
            if (filter.isPresent()) {
                ClientRules.Bound bound = new ClientRules.Bound(
                        filter.get(),
                        rule.actions().contains(Action.PUBLISH),
                        rule.actions().contains(Action.SUBSCRIBE),
                        rule.actions().contains(Action.RECEIVE));
                (rule.allow() ? allows : denies).add(bound);
            }
        }
        return new ClientRules(allows, denies, allowsUnnamed);
    }
}
