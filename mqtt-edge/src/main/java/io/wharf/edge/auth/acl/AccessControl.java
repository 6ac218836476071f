package io.wharf.edge.auth.acl;

import io.wharf.edge.auth.ClientPrincipal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The access rules in force on an edge, which can be replaced while it runs (by rules from a Kafka
 * topic, later): every connection reads them through here and re-decides when they change.
 */
public final class AccessControl {

    private final AtomicReference<AccessRules> rules;
    private final List<Consumer<AccessRules>> listeners = new CopyOnWriteArrayList<>();

    public AccessControl(AccessRules initial) {
        this.rules = new AtomicReference<>(initial);
    }

    public AccessRules current() {
        return rules.get();
    }

    /** Puts new rules in force; connected clients are held to them from their next packet or delivery on. */
    public void replace(AccessRules replacement) {
        rules.set(replacement);
        listeners.forEach(listener -> listener.accept(replacement));
    }

    /** Tells {@code listener} of every replacement, on the replacing thread. */
    public void onReplace(Consumer<AccessRules> listener) {
        listeners.add(listener);
    }

    /** The decisions for one connected client, following replacements. */
    public ConnectionAccess forConnection(ClientPrincipal principal) {
        return new ConnectionAccess(this, principal);
    }
}
