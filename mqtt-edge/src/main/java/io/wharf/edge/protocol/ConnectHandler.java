package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.auth.AuthResult;
import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.edge.auth.Credentials;
import io.wharf.edge.limits.Limit;
import io.wharf.edge.limits.TopicLimits;
import io.wharf.edge.netty.ClientAddress;
import io.wharf.edge.netty.ClientIdentity;
import io.wharf.edge.netty.HandlerNames;
import io.wharf.edge.session.ClaimsBusyException;
import io.wharf.edge.session.Session;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Handles the first packet, which must be CONNECT: decides on it, checks the client's credentials,
 * takes the client id over from a connection that still has it, loads or starts the session, then
 * puts the handlers of a connected client in its own place and answers CONNACK. Packets the client
 * sends meanwhile wait.
 */
@ChannelHandler.Sharable
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

    private final ProtocolServices services;
    private final ConnectedHandlers connectedHandlers;

    public ConnectHandler(ProtocolServices services) {
        this.services = services;
        this.connectedHandlers = ConnectedHandlers.of(services);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttConnectMessage connect)) {
            ReferenceCountUtil.release(msg);
            Disconnector.closeQuietly(ctx.channel(), "the first packet was not CONNECT");
            return;
        }
        ConnectDecision decision = ConnectRules.decide(
                connect, services.settings(), services.clock().millis());
        if (decision instanceof ConnectDecision.Accepted accepted) {
            if (willTopicAccepted(ctx.channel(), accepted) && withinLimits(ctx.channel(), accepted)) {
                authenticate(ctx, connect, accepted);
            }
        } else if (decision instanceof ConnectDecision.Refused refused) {
            Disconnector.refuseConnect(ctx.channel(), refused.code(), refused.reason());
        } else if (decision instanceof ConnectDecision.Violation violation) {
            Disconnector.closeQuietly(ctx.channel(), "CONNECT broke the protocol: " + violation.reason());
        }
    }

    /**
     * Whether the will's topic, if there is one, keeps within the topic limits; otherwise MQTT 5 is
     * refused with CONNACK 0x90 Topic Name invalid, and 3.1.1, which has no such code, closed.
     */
    private boolean willTopicAccepted(Channel channel, ConnectDecision.Accepted accepted) {
        if (accepted.will() == null) {
            return true;
        }
        TopicLimits topics = services.limits().settings().topics();
        Optional<Limit> refused = topics.exceededBy(accepted.will().topic());
        if (refused.isEmpty()) {
            return true;
        }
        services.limits().count(refused.get());
        String why = "client " + accepted.clientId() + ": a will on " + topics.reason(refused.get());
        if (accepted.version() == MqttVersion.MQTT_5) {
            Disconnector.refuseConnect(channel, MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID, why);
        } else {
            Disconnector.closeQuietly(channel, why);
        }
        return false;
    }

    /**
     * Whether the client's address keeps within the connection rate and the edge has a connection
     * slot for it; the slot is given back when the channel closes. A refused client learns why:
     * MQTT 5 0x9F Connection rate exceeded or 0x97 Quota exceeded, 3.1.1 0x03 Server unavailable.
     */
    private boolean withinLimits(Channel channel, ConnectDecision.Accepted accepted) {
        Optional<Limit> refused = services.limits().connect(ClientAddress.of(channel), System.nanoTime());
        if (refused.isEmpty()) {
            channel.closeFuture().addListener(closed -> services.limits().disconnected());
            return true;
        }
        MqttConnectReturnCode code = accepted.version() != MqttVersion.MQTT_5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE
                : refused.get() == Limit.CONNECTION_RATE
                        ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED;
        Disconnector.refuseConnect(
                channel,
                code,
                "client " + accepted.clientId() + ": over " + refused.get().key());
        return false;
    }

    /**
     * Checks the client's credentials, then accepts or refuses it. A check that runs off the event
     * loop, or a refusal that waits (repeated failures), holds the packets the client sends meanwhile.
     */
    private void authenticate(
            ChannelHandlerContext ctx, MqttConnectMessage connect, ConnectDecision.Accepted accepted) {
        Channel channel = ctx.channel();
        Credentials credentials = new Credentials(
                accepted.clientId(),
                Optional.ofNullable(connect.payload().userName()),
                Optional.ofNullable(connect.payload().passwordInBytes()),
                ClientIdentity.userName(channel),
                ClientAddress.of(channel));
        CompletableFuture<AuthResult> check =
                services.authentication().check(credentials, services.clock().instant());
        if (check.isDone()) {
            authenticated(ctx, accepted, credentials, check.getNow(null), null, null);
            return;
        }
        WaitingPacketsHandler held = holdPackets(ctx);
        check.whenCompleteAsync(
                (result, error) -> authenticated(ctx, accepted, credentials, result, error, held), channel.eventLoop());
    }

    private void authenticated(
            ChannelHandlerContext ctx,
            ConnectDecision.Accepted accepted,
            Credentials credentials,
            AuthResult result,
            Throwable error,
            WaitingPacketsHandler held) {
        Channel channel = ctx.channel();
        if (!channel.isActive()) {
            return;
        }
        if (error != null) {
            Disconnector.refuseConnect(
                    channel,
                    ProtocolReplies.of(accepted.version(), accepted.limits()).serverUnavailable(),
                    "its credentials could not be checked: " + rootCause(error).getMessage());
        } else if (result instanceof AuthResult.Accepted admitted) {
            accept(ctx, accepted, admitted);
            if (held != null) {
                held.release(); // into the waiting handler accept put in the connect handler's place
            }
        } else if (result instanceof AuthResult.Refused refused) {
            refuse(ctx, accepted, credentials, refused, held);
        }
    }

    /** Refuses bad credentials, later the more often the client's host failed recently. */
    private void refuse(
            ChannelHandlerContext ctx,
            ConnectDecision.Accepted accepted,
            Credentials credentials,
            AuthResult.Refused refused,
            WaitingPacketsHandler held) {
        Channel channel = ctx.channel();
        services.metrics().authRefused(refused.refusal().key());
        MqttConnectReturnCode code = refused.refusal().connAckCode(accepted.version() == MqttVersion.MQTT_5);
        String why = "client " + accepted.clientId() + ": " + refused.reason();
        Duration delay = services.authentication()
                .failedAttempts()
                .refused(credentials.host(), services.clock().instant());
        if (delay.isZero()) {
            Disconnector.refuseConnect(channel, code, why);
            return;
        }
        WaitingPacketsHandler waiting = held != null ? held : holdPackets(ctx);
        channel.eventLoop()
                .schedule(
                        () -> {
                            if (!channel.isActive()) {
                                return; // gone while it waited
                            }
                            if (channel.pipeline().context(waiting) != null) {
                                channel.pipeline().remove(waiting); // what the client sent meanwhile is dropped
                            }
                            Disconnector.refuseConnect(
                                    channel, code, why + " (answered after " + delay.toMillis() + " ms)");
                        },
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /** Stops reading, and keeps what the client already sent, in front of this handler. */
    private static WaitingPacketsHandler holdPackets(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        WaitingPacketsHandler held = new WaitingPacketsHandler();
        ctx.pipeline().addBefore(HandlerNames.CONNECT, HandlerNames.AUTHENTICATING, held);
        return held;
    }

    private void accept(ChannelHandlerContext ctx, ConnectDecision.Accepted accepted, AuthResult.Accepted admitted) {
        ClientPrincipal principal = admitted.principal();
        MqttConnection connection = new MqttConnection(ctx.channel(), accepted, principal, services);
        connection.attach();
        connection.readPauses().pause(ReadPauses.Reason.CONNECTING);
        WaitingPacketsHandler waiting = new WaitingPacketsHandler();
        MqttPipeline.connected(
                ctx.pipeline(),
                connection.terms().isMqtt5(),
                connection.terms().keepAliveSeconds(),
                waiting,
                connectedHandlers);

        MqttConnection previous = services.clients().register(connection);
        CompletableFuture<Void> previousReleased = previous == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(
                                previous.end()::takeOver, previous.channel().eventLoop())
                        .thenCompose(released -> released);
        previousReleased
                .thenCompose(done -> services.sessionStore().claim(accepted.clientId(), accepted.cleanStart()))
                .whenCompleteAsync(
                        (claim, error) -> start(connection, accepted, waiting, claim, error, admitted.expiresAt()),
                        ctx.channel().eventLoop());
    }

    private void start(
            MqttConnection connection,
            ConnectDecision.Accepted accepted,
            WaitingPacketsHandler waiting,
            SessionClaim claim,
            Throwable error,
            Optional<Instant> expiresAt) {
        if (!connection.channel().isActive() || connection.end().hasEnded()) {
            if (claim != null) {
                services.sessionStore()
                        .release(
                                claim,
                                claim.previous().orElse(null)); // gone while loading: leave the session as it was
            }
            return;
        }
        if (error != null) {
            Throwable cause = rootCause(error);
            Disconnector.refuseConnect(
                    connection.channel(),
                    cause instanceof ClaimsBusyException
                            ? connection.replies().serverBusy()
                            : connection.replies().serverUnavailable(),
                    "its session could not be taken over: " + describe(cause));
            return;
        }
        int window =
                Math.min(accepted.limits().receiveMaximum(), services.settings().maxInFlight());
        Session session = Session.open(
                claim,
                connection.terms().isMqtt5(),
                connection.channel().eventLoop(),
                services.sessions(),
                connection.output(),
                window,
                accepted.sessionExpirySeconds());
        Optional<SessionSnapshot> stored = claim.previous();
        connection.session(session, claim);
        services.sessionStore()
                .watch(
                        claim,
                        () -> connection
                                .channel()
                                .eventLoop()
                                .execute(() -> connection.end().takeOver()));
        if (accepted.will() != null) {
            // The will is in Kafka before CONNACK: if this edge dies, the router finds it there.
            session.sendOnceStored(() -> connected(connection, accepted, waiting, session, stored, expiresAt));
        } else {
            connected(connection, accepted, waiting, session, stored, expiresAt);
        }
    }

    /** CONNACK, then the session goes on and the packets that waited are read. */
    private void connected(
            MqttConnection connection,
            ConnectDecision.Accepted accepted,
            WaitingPacketsHandler waiting,
            Session session,
            Optional<SessionSnapshot> stored,
            Optional<Instant> expiresAt) {
        if (connection.end().hasEnded()) {
            return; // ended while its will was being stored
        }
        connection
                .channel()
                .writeAndFlush(Packets.connAck(
                        MqttConnectReturnCode.CONNECTION_ACCEPTED,
                        stored.isPresent(),
                        connection.replies().connAckProperties(accepted, services.settings())));
        ConnectionLog.connected(
                connection.clientId(),
                ClientAddress.of(connection.channel()),
                connection.principal().userName(),
                accepted.version(),
                accepted.keepAliveSeconds(),
                stored.isPresent());
        expiresAt.ifPresent(expiry -> CredentialExpiry.schedule(connection.channel(), expiry, services.clock()));
        if (stored.isPresent()) {
            session.resume();
        }
        waiting.release();
        connection.readPauses().resume(ReadPauses.Reason.CONNECTING);
    }

    /** A cause for the log: a timeout has no message of its own. */
    private static String describe(Throwable cause) {
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause;
    }
}
