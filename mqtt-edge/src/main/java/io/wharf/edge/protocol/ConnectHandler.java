package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.edge.netty.ClientAddress;
import io.wharf.edge.netty.ClientIdentity;
import io.wharf.edge.session.Session;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionSnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Handles the first packet, which must be CONNECT: decides on it, takes the client id over from a
 * connection that still has it, loads or starts the session, then puts the handlers of a connected
 * client in its own place and answers CONNACK. Packets the client sends meanwhile wait.
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
            accept(ctx, accepted, Optional.ofNullable(connect.payload().userName()));
        } else if (decision instanceof ConnectDecision.Refused refused) {
            Disconnector.refuseConnect(ctx.channel(), refused.code(), refused.reason());
        } else if (decision instanceof ConnectDecision.Violation violation) {
            Disconnector.closeQuietly(ctx.channel(), "CONNECT broke the protocol: " + violation.reason());
        }
    }

    private void accept(ChannelHandlerContext ctx, ConnectDecision.Accepted accepted, Optional<String> connectUser) {
        // Nothing checks the user name yet: the certificate's, else the one CONNECT claims.
        Optional<String> certificateUser = ClientIdentity.userName(ctx.channel());
        ClientPrincipal principal = new ClientPrincipal(
                accepted.clientId(), certificateUser.or(() -> connectUser), Set.of(), certificateUser);
        MqttConnection connection = new MqttConnection(ctx.channel(), accepted, principal, services);
        connection.attach();
        ctx.channel().config().setAutoRead(false);
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
                        (claim, error) -> start(connection, accepted, waiting, claim, error),
                        ctx.channel().eventLoop());
    }

    private void start(
            MqttConnection connection,
            ConnectDecision.Accepted accepted,
            WaitingPacketsHandler waiting,
            SessionClaim claim,
            Throwable error) {
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
            Disconnector.refuseConnect(
                    connection.channel(),
                    connection.replies().serverUnavailable(),
                    "its session could not be taken over: " + rootCause(error).getMessage());
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
            session.sendOnceStored(() -> connected(connection, accepted, waiting, session, stored));
        } else {
            connected(connection, accepted, waiting, session, stored);
        }
    }

    /** CONNACK, then the session goes on and the packets that waited are read. */
    private void connected(
            MqttConnection connection,
            ConnectDecision.Accepted accepted,
            WaitingPacketsHandler waiting,
            Session session,
            Optional<SessionSnapshot> stored) {
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
        if (stored.isPresent()) {
            session.resume();
        }
        waiting.release();
        connection.channel().config().setAutoRead(true);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause;
    }
}
