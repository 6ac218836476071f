package io.wharf.edge.auth.acl;

import io.wharf.schemas.topic.TopicFilter;
import java.util.List;

/**
 * The rules that apply to one client, with {@code %u} and {@code %c} filled in: the decisions on
 * what it may publish, subscribe to and receive. Deny rules win over allow rules; what no allow rule
 * covers is denied, unless the rules allow what they do not name ({@link AccessRules#allowsUnnamed}).
 */
public final class ClientRules {

    /** One rule, bound to the client. */
    record Bound(TopicFilter filter, boolean publish, boolean subscribe, boolean receive) {

        boolean has(Action action) {
            return switch (action) {
                case PUBLISH -> publish;
                case SUBSCRIBE -> subscribe;
                case RECEIVE -> receive;
            };
        }
    }

    private final List<Bound> allows;
    private final List<Bound> denies;
    private final boolean allowsUnnamed;
    private final boolean receivesEverything;

    ClientRules(List<Bound> allows, List<Bound> denies, boolean allowsUnnamed) {
        this.allows = List.copyOf(allows);
        this.denies = List.copyOf(denies);
        this.allowsUnnamed = allowsUnnamed;
        this.receivesEverything = allowsUnnamed && denies.stream().noneMatch(rule -> rule.receive);
    }

    /** Whether the client may publish to {@code topic}. */
    public boolean mayPublish(String topic) {
        return allowsTopic(Action.PUBLISH, topic);
    }

    /** Whether the client may be sent a message on {@code topic}. */
    public boolean mayReceive(String topic) {
        return receivesEverything || allowsTopic(Action.RECEIVE, topic);
    }

    /** Whether every message can go to the client unchecked: nothing it could receive is denied. */
    public boolean receivesEverything() {
        return receivesEverything;
    }

    /**
     * Whether the client may subscribe to {@code filter}: some part of it is allowed (the part an
     * allow rule shares with it is not wholly denied). {@code sensors/#} is granted when only
     * {@code sensors/a/#} is allowed, and {@code #} when only {@code test/nosubscribe} is denied;
     * what the client may not receive through it is held back at delivery.
     */
    public boolean maySubscribe(TopicFilter filter) {
        if (allowsUnnamed) {
            return denies.stream().noneMatch(rule -> rule.subscribe && Filters.covers(rule.filter, filter));
        }
        for (Bound allow : allows) {
            if (allow.subscribe) {
                boolean someAllowed = Filters.intersection(allow.filter, filter)
                        .filter(shared -> denies.stream()
                                .noneMatch(deny -> deny.subscribe && Filters.covers(deny.filter, shared)))
                        .isPresent();
                if (someAllowed) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean allowsTopic(Action action, String topic) {
        for (Bound deny : denies) {
            if (deny.has(action) && deny.filter.matches(topic)) {
                return false;
            }
        }
        if (allowsUnnamed) {
            return true;
        }
        for (Bound allow : allows) {
            if (allow.has(action) && allow.filter.matches(topic)) {
                return true;
            }
        }
        return false;
    }
}
