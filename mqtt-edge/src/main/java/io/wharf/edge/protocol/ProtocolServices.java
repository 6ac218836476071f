package io.wharf.edge.protocol;

import io.wharf.edge.auth.Authentication;
import io.wharf.edge.auth.acl.AccessControl;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.session.SessionServices;
import io.wharf.edge.session.SessionStore;
import java.time.Clock;

/**
 * What the protocol handlers of every connection share: the log, what sessions use (their store
 * among it), the connected clients, the protocol settings, who may connect,
 * the access rules in force, and the limits the connections share.
 */
public record ProtocolServices(
        ProtocolSettings settings,
        MessageLog messageLog,
        SessionServices sessions,
        ConnectedClients clients,
        SubscribePermission subscribePermission,
        EdgeMetrics metrics,
        Authentication authentication,
        AccessControl accessControl,
        PublishDenied publishDenied,
        EdgeLimits limits) {

    /** The services with the limits of {@code settings}, each counted in {@code metrics} when it bites. */
    public ProtocolServices(
            ProtocolSettings settings,
            MessageLog messageLog,
            SessionServices sessions,
            ConnectedClients clients,
            SubscribePermission subscribePermission,
            EdgeMetrics metrics,
            Authentication authentication,
            AccessControl accessControl,
            PublishDenied publishDenied) {
        this(
                settings,
                messageLog,
                sessions,
                clients,
                subscribePermission,
                metrics,
                authentication,
                accessControl,
                publishDenied,
                new EdgeLimits(settings.limits(), limit -> metrics.limitHit(limit.key())));
    }

    public SessionStore sessionStore() {
        return sessions.store();
    }

    /** The time expiry and timestamps count with. */
    public Clock clock() {
        return sessions.clock();
    }
}
