package io.wharf.edge.auth.acl;

import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.schemas.topic.TopicFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One connected client's access decisions, bound to the rules in force: re-bound when they are
 * replaced. Receiving is decided per topic and remembered (a client's deliveries repeat their
 * topics); with no deny rule it could meet, nothing is checked at all. Used on the connection's
 * event loop only.
 */
public final class ConnectionAccess {

    private static final int REMEMBERED_TOPICS = 1024;

    private final AccessControl control;
    private volatile ClientPrincipal principal; // read by the thread that applies user changes
    // Made on the first check that needs it: most connections never need one (no rules, or none denying them).
    private Map<String, Boolean> receivable;
    private AccessRules boundTo;
    private ClientRules rules;

    ConnectionAccess(AccessControl control, ClientPrincipal principal) {
        this.control = control;
        this.principal = principal;
    }

    /** Who the client is, in the groups it is in now. */
    public ClientPrincipal principal() {
        return principal;
    }

    /** The client's user is in other groups now: its decisions are made anew. */
    public void regroup(Set<String> groups) {
        principal = principal.withGroups(groups);
        boundTo = null;
    }

    public boolean mayPublish(String topic) {
        return rules().mayPublish(topic);
    }

    public boolean maySubscribe(TopicFilter filter) {
        return rules().maySubscribe(filter);
    }

    /** Whether a message on {@code topic} may be delivered to the client. */
    public boolean mayReceive(String topic) {
        ClientRules current = rules();
        if (current.receivesEverything()) {
            return true;
        }
        if (receivable == null) {
            receivable = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_TOPICS;
                }
            };
        }
        Boolean known = receivable.get(topic);
        if (known == null) {
            known = current.mayReceive(topic);
            receivable.put(topic, known);
        }
        return known;
    }

    private ClientRules rules() {
        AccessRules inForce = control.current();
        if (inForce != boundTo) {
            boundTo = inForce;
            rules = inForce.forClient(principal);
            receivable = null;
        }
        return rules;
    }
}
