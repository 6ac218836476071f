package io.wharf.edge.protocol;

import io.wharf.edge.auth.acl.AccessLog;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.Action;
import io.wharf.edge.session.Session;
import io.wharf.schemas.topic.TopicFilter;
import java.util.function.Consumer;

/**
 * When the access rules are replaced, removes each connected client's subscriptions the new rules
 * no longer allow, on the client's event loop. Deliveries stop at once anyway (each is checked
 * against the rules in force); this also stops the edge reading for them. MQTT has no packet that
 * tells a client one of its subscriptions ended, so the client is not told.
 */
public final class SubscriptionRevoker implements Consumer<AccessRules> {

    private final ConnectedClients clients;

    public SubscriptionRevoker(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public void accept(AccessRules replacement) {
        clients.forEach(connection -> connection.channel().eventLoop().execute(() -> revoke(connection)));
    }

    /** Removes the subscriptions of {@code connection} its access no longer allows; on its event loop. */
    static void revoke(MqttConnection connection) {
        Session session = connection.session();
        if (session == null || connection.end().hasEnded()) {
            return;
        }
        for (TopicFilter filter : session.subscriptionFilters()) {
            if (!connection.access().maySubscribe(filter)) {
                session.unsubscribe(filter);
                AccessLog.refused(connection.clientId(), Action.SUBSCRIBE, filter.text() + " (revoked)");
            }
        }
    }
}
