package io.wharf.edge.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.wharf.edge.message.Message;
import io.wharf.edge.session.PendingWill;
import io.wharf.edge.session.Session;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionOutput;
import io.wharf.edge.session.SessionSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One client's accepted connection: what it negotiated in CONNECT, its topic aliases, its will, and
 * the session it carries. Used on the channel's event loop only.
 */
public final class MqttConnection implements SessionOutput {

    private static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf("wharf.connection");

    private final Channel channel;
    private final MqttVersion version;
    private final String clientId;
    private final int keepAliveSeconds;
    private final ClientLimits limits;
    private final ProtocolServices services;
    private final long connectSessionExpirySeconds;
    private final Map<Integer, String> inboundAliases = new HashMap<>();
    private final Map<String, Integer> outboundAliases = new HashMap<>();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private Message will;
    private final long willDelaySeconds;
    private Session session;
    private SessionClaim claim;
    private boolean takenOver;
    private boolean ended;
    private long sessionExpirySeconds;
    private int unacknowledgedInbound;
    private final InboundPublishes publishes;

    MqttConnection(Channel channel, ConnectDecision.Accepted accepted, ProtocolServices services) {
        this.channel = channel;
        this.version = accepted.version();
        this.clientId = accepted.clientId();
        this.keepAliveSeconds = accepted.keepAliveSeconds();
        this.limits = accepted.limits();
        this.services = services;
        this.will = accepted.will();
        this.willDelaySeconds = accepted.willDelaySeconds();
        this.sessionExpirySeconds = accepted.sessionExpirySeconds();
        this.connectSessionExpirySeconds = accepted.sessionExpirySeconds();
        this.publishes = new InboundPublishes(channel, services.messageLog(), services.metrics());
    }

    /** The connection of a channel, or null before CONNECT was accepted. */
    public static MqttConnection of(Channel channel) {
        return channel.attr(KEY).get();
    }

    void attach() {
        channel.attr(KEY).set(this);
    }

    public String clientId() {
        return clientId;
    }

    public MqttVersion version() {
        return version;
    }

    public Channel channel() {
        return channel;
    }

    int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    ClientLimits limits() {
        return limits;
    }

    ProtocolServices services() {
        return services;
    }

    boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    /** The session, or null while it is still being loaded. */
    Session session() {
        return session;
    }

    void session(Session session, SessionClaim claim) {
        this.session = session;
        this.claim = claim;
        if (will != null) {
            session.will(new PendingWill(will, willDelaySeconds));
        }
    }

    /** The client's messages not answered yet. */
    InboundPublishes publishes() {
        return publishes;
    }

    Map<Integer, String> inboundAliases() {
        return inboundAliases;
    }

    /**
     * Counts a QoS 1 or 2 message from the client until it is acknowledged. An MQTT 5 client knows
     * the edge's Receive Maximum, so going over it is its error; an older client cannot know it, so
     * the edge stops reading from it until acknowledgements catch up.
     *
     * @return false when an MQTT 5 client sent more than the Receive Maximum
     */
    boolean startInbound() {
        unacknowledgedInbound++;
        int limit = services.settings().receiveMaximum();
        if (isMqtt5()) {
            return unacknowledgedInbound <= limit;
        }
        if (unacknowledgedInbound >= limit) {
            channel.config().setAutoRead(false);
        }
        return true;
    }

    void finishInbound() {
        unacknowledgedInbound = Math.max(0, unacknowledgedInbound - 1);
        if (!isMqtt5()
                && unacknowledgedInbound < services.settings().receiveMaximum()
                && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * A QoS 2 message from the client is in the log and answered with PUBREC. An MQTT 5 client's
     * message counts against the Receive Maximum until its PUBREL; an older client's stops counting
     * now: that client is held back by not reading from it, and its PUBREL must still be read.
     */
    void inboundQos2Stored() {
        if (!isMqtt5()) {
            finishInbound();
        }
    }

    /** PUBREL completed a QoS 2 message from the client. */
    void inboundQos2Released() {
        if (isMqtt5()) {
            finishInbound();
        }
    }

    /** The client ended the connection normally: its will must not be published. */
    void discardWill() {
        will = null;
        if (session != null) {
            session.will(null);
        }
    }

    /**
     * MQTT 5 DISCONNECT may change the session expiry, but not from 0 (that is a protocol error).
     *
     * @return false for that protocol error
     */
    boolean changeSessionExpiry(long seconds) {
        if (connectSessionExpirySeconds == 0 && seconds != 0) {
            return false;
        }
        sessionExpirySeconds = Math.min(seconds, services.settings().maxSessionExpirySeconds());
        return true;
    }

    /** Reason strings go only to clients that did not turn problem information off. */
    MqttProperties reasonString(String reason) {
        return limits.requestProblemInformation() ? Packets.reasonString(reason) : MqttProperties.NO_PROPERTIES;
    }

    /** True once the connection is over: its socket closed, or the edge ended it. */
    boolean hasEnded() {
        return ended;
    }

    /** Completes once the connection has closed and its session is stored (or ended). */
    CompletableFuture<Void> released() {
        return released;
    }

    // ---- SessionOutput -------------------------------------------------------------------------

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean publish(
            Message message, int qos, boolean retain, boolean dup, int packetId, List<Integer> subscriptionIds) {
        String topic = message.topic();
        MqttProperties properties = MqttProperties.NO_PROPERTIES;
        if (isMqtt5()) {
            properties = new MqttProperties();
            OutboundProperties.fill(properties, message, subscriptionIds, System.currentTimeMillis());
            topic = applyTopicAlias(topic, properties);
        }
        if (PacketSize.publish(topic, qos, properties, message.payload().length) > limits.maximumPacketSize()) {
            services.metrics().droppedTooLarge();
            ConnectionLog.tooLargeForClient(message.payload().length, message.topic(), clientId);
            return false;
        }
        channel.writeAndFlush(
                Packets.publish(
                        topic, qos, retain, dup, packetId, Unpooled.wrappedBuffer(message.payload()), properties),
                channel.voidPromise());
        services.metrics().delivered(qos);
        return true;
    }

    @Override
    public void release(int packetId) {
        channel.writeAndFlush(
                Packets.publishReply(MqttMessageType.PUBREL, packetId, (byte) 0, MqttProperties.NO_PROPERTIES));
    }

    /** Gives a topic an alias the first time it is sent (while aliases last), and sends only the alias after. */
    private String applyTopicAlias(String topic, MqttProperties properties) {
        if (limits.topicAliasMaximum() == 0) {
            return topic;
        }
        Integer alias = outboundAliases.get(topic);
        if (alias != null) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
            return "";
        }
        if (outboundAliases.size() < limits.topicAliasMaximum()) {
            alias = outboundAliases.size() + 1;
            outboundAliases.put(topic, alias);
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        }
        return topic;
    }

    // ---- end of the connection ------------------------------------------------------------------

    /**
     * The socket has closed: the will is published (now, or after its delay) unless the client
     * disconnected normally; the session is stored for the next connection, or ends.
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
        SessionSnapshot snapshot = session.detach(System.currentTimeMillis());
        services.sessionStore()
                .release(claim, sessionExpirySeconds > 0 ? snapshot : null)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        ConnectionLog.sessionNotStored(clientId, error);
                    }
                    release();
                });
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
        long delay = Math.min(willDelaySeconds, session == null ? 0 : sessionExpirySeconds);
        if (delay == 0) {
            Message due = will;
            services.messageLog().append(due).whenComplete((position, error) -> {
                if (error != null) {
                    ConnectionLog.willNotPublished(clientId, due.topic(), error);
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
        services.clients().unregister(this);
        released.complete(null);
    }

    /**
     * Another connection with the same client id takes over: this one is told so (MQTT 5 reason
     * 0x8E) and closed. The future completes once its session is stored for the new connection.
     * Call on the channel's event loop.
     */
    CompletableFuture<Void> takeOver() {
        takenOver = true;
        Disconnector.disconnect(
                channel,
                io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER,
                "the client connected elsewhere");
        return released;
    }
}
