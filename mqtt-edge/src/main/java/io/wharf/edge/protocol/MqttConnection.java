package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.edge.auth.acl.ConnectionAccess;
import io.wharf.edge.limits.Limit;
import io.wharf.edge.session.Session;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionOutput;
import java.util.Map;

/**
 * One client's accepted connection, found from its channel: the {@link ConnectionTerms} agreed in
 * CONNECT, the {@link ClientPrincipal} it was accepted as, the {@link ClientOutput} its session writes through, the client's messages not answered
 * yet and its {@link InboundWindow}, the session once loaded, and the {@link ConnectionEnd} that
 * settles its will and session. Used on the channel's event loop only.
 */
public final class MqttConnection {

    private static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf("wharf.connection");

    private final Channel channel;
    private final ProtocolServices services;
    private final ConnectionTerms terms;
    private final ClientOutput output;
    private final ReadPauses readPauses;
    private final InboundWindow inbound;
    private final PublishPacing pacing;
    private final InboundPublishes publishes;
    private final ProtocolReplies replies;
    private final ConnectionEnd end;
    private final ConnectionAccess access;
    private Session session;

    MqttConnection(
            Channel channel, ConnectDecision.Accepted accepted, ClientPrincipal principal, ProtocolServices services) {
        this.channel = channel;
        this.services = services;
        this.terms = new ConnectionTerms(accepted);
        this.replies = ProtocolReplies.of(accepted.version(), accepted.limits());
        this.access = services.accessControl().forConnection(principal);
        this.output = new ClientOutput(channel, terms, replies, services.clock(), services.metrics(), access);
        this.readPauses = new ReadPauses(channel);
        this.inbound = InboundWindow.of(
                readPauses, accepted.version(), services.settings().receiveMaximum());
        this.pacing = PublishPacing.of(channel, readPauses, services.limits());
        this.publishes = new InboundPublishes(channel, readPauses, services.messageLog(), services.metrics());
        this.end = new ConnectionEnd(
                channel,
                terms,
                accepted.will(),
                accepted.willDelaySeconds(),
                services.messageLog(),
                services.sessionStore(),
                () -> services.clients().unregister(this),
                services.metrics());
    }

    /** The connection of a channel, or null before CONNECT was accepted. */
    public static MqttConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    void attach() {
        channel.attr(KEY).set(this);
    }

    public Channel channel() {
        return channel;
    }

    /** How answers are put in the version this client speaks. */
    ProtocolReplies replies() {
        return replies;
    }

    /** Who the client is: what access rules are matched against. */
    public ClientPrincipal principal() {
        return access.principal();
    }

    /** What the access rules allow this client, as they stand now. */
    ConnectionAccess access() {
        return access;
    }

    ConnectionTerms terms() {
        return terms;
    }

    /** Where the session writes to the client. */
    SessionOutput output() {
        return output;
    }

    /** The session, or null while it is still being loaded. */
    Session session() {
        return session;
    }

    void session(Session session, SessionClaim claim) {
        this.session = session;
        end.sessionStarted(session, claim);
    }

    /** The client's messages not answered yet. */
    InboundPublishes publishes() {
        return publishes;
    }

    InboundWindow inbound() {
        return inbound;
    }

    /** Why the edge is not reading from the client now, if it is not. */
    ReadPauses readPauses() {
        return readPauses;
    }

    /** Slows reading when the client publishes faster than its rate. */
    PublishPacing pacing() {
        return pacing;
    }

    ConnectionEnd end() {
        return end;
    }

    // ---- delegates kept for the packet handlers ------------------------------------------------

    public String clientId() {
        return terms.clientId();
    }

    public MqttVersion version() {
        return terms.version();
    }

    boolean isMqtt5() {
        return terms.isMqtt5();
    }

    Map<Integer, String> inboundAliases() {
        return terms.inboundAliases();
    }

    void sessionExpirySeconds(long seconds) {
        terms.sessionExpirySeconds(seconds);
    }

    boolean startInbound() {
        return inbound.start();
    }

    void finishInbound() {
        inbound.finish();
    }

    void inboundQos2Stored() {
        inbound.qos2Stored();
    }

    void inboundQos2Released() {
        inbound.qos2Released();
    }

    /** The bytes queued towards the client reached max-queued-bytes: its session waits for them to drain. */
    void queuedBytesReachedLimit() {
        services.limits().count(Limit.MAX_QUEUED_BYTES);
    }

    void discardWill() {
        end.discardWill();
    }

    /** The session expiry CONNECT set, whatever DISCONNECT asks later. */
    long connectSessionExpirySeconds() {
        return terms.connectSessionExpirySeconds();
    }
}
