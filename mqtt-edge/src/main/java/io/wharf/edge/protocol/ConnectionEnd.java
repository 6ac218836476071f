package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.session.PendingWill;
import io.wharf.edge.session.Session;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionSnapshot;
import io.wharf.edge.session.SessionStore;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.concurrent.CompletableFuture;

/**
 * What happens when a connection ends: its will is published or left to the router, its session is
 * stored for the next connection (or ends), and its client id is freed. Also how another connection
 * with the same client id takes this one over. Used on the channel's event loop only.
 */
final class ConnectionEnd {

    private final Channel channel;
    private final ConnectionTerms terms;
    private final MessageLog messageLog;
    private final SessionStore sessionStore;
    private final Runnable unregister;
    private final EdgeMetrics metrics;
    private final long willDelaySeconds;
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private ApplicationMessage will;
    private Session session;
    private SessionClaim claim;
    private boolean takenOver;
    private boolean ended;

    ConnectionEnd(
            Channel channel,
            ConnectionTerms terms,
            ApplicationMessage will,
            long willDelaySeconds,
            MessageLog messageLog,
            SessionStore sessionStore,
            Runnable unregister,
            EdgeMetrics metrics) {
        this.channel = channel;
        this.terms = terms;
        this.will = will;
        this.willDelaySeconds = willDelaySeconds;
        this.messageLog = messageLog;
        this.sessionStore = sessionStore;
        this.unregister = unregister;
        this.metrics = metrics;
    }

    /** The session is loaded: it is stored at the end, and it carries the will until then. */
    void sessionStarted(Session session, SessionClaim claim) {
        this.session = session;
        this.claim = claim;
        if (will != null) {
            session.will(new PendingWill(will, willDelaySeconds));
        }
    }

    /** The client ended the connection normally: its will must not be published. */
    void discardWill() {
        will = null;
        if (session != null) {
            session.will(null);
        }
    }

    /** True once the connection is over: its socket closed, or the edge ended it. */
    boolean hasEnded() {
        return ended;
    }

    /** Completes once the connection has closed and its session is stored (or ended). */
    CompletableFuture<Void> released() {
        return released;
    }

    /**
     * The connection is over (its socket closed, or the edge ended it): the will is published (now,
     * or after its delay) unless the client disconnected normally; the session is stored for the
     * next connection, or ends. Only the first call counts.
     */
    void closed() {
        if (ended) {
            return; // the edge ended it before the socket closed
        }
        ended = true;
        settleWill();
        if (session == null) {
            release(); // closed before its session was loaded: the stored one stays as it was
            return;
        }
        SessionSnapshot snapshot = session.detach();
        sessionStore
                .release(claim, terms.sessionExpirySeconds() > 0 ? snapshot : null)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        ConnectionLog.sessionNotStored(terms.clientId(), error);
                    }
                    release();
                });
    }

    /**
     * Another connection with the same client id takes over: this one is told so (MQTT 5 reason
     * 0x8E) and closed. The future completes once its session is stored for the new connection.
     */
    CompletableFuture<Void> takeOver() {
        takenOver = true;
        metrics.takenOver();
        Disconnector.disconnect(
                channel, MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER, "the client connected elsewhere");
        return released;
    }

    /**
     * The connection ended without a normal DISCONNECT (or with MQTT 5 reason 0x04). A will due now
     * (no delay, or a session that ends with the connection) is published by this edge; a delayed one
     * stays in the stored session and the router publishes it when due, unless the client is back
     * first. A client that connected again elsewhere is back already: its delayed will is dropped.
     */
    private void settleWill() {
        if (will == null) {
            return;
        }
        long delay = Math.min(willDelaySeconds, session == null ? 0 : terms.sessionExpirySeconds());
        if (delay == 0) {
            ApplicationMessage due = will;
            messageLog.append(due).whenComplete((position, error) -> {
                if (error != null) {
                    ConnectionLog.willNotPublished(terms.clientId(), due.topic(), error);
                } else {
                    metrics.willPublished();
                }
            });
        }
        if (session != null && (delay == 0 || takenOver)) {
            session.will(null);
        }
        will = null;
    }

    /**
     * The client id is free once the session is stored: a connection for it that comes meanwhile
     * still finds this one, and waits for {@link #released} before it claims the session.
     */
    private void release() {
        unregister.run();
        released.complete(null);
    }
}
