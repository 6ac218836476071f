package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/**
 * The client's DISCONNECT: decodes it, asks {@link ClientDisconnectRules}, and closes. A normal one
 * discards the will; MQTT 5 reason 0x04 (disconnect with will message) keeps it, so it is published
 * as the connection closes. An MQTT 5 DISCONNECT may also change how long the session outlives the
 * connection.
 */
@ChannelHandler.Sharable
final class DisconnectHandler extends ChannelInboundHandlerAdapter {

    private final long maxSessionExpirySeconds;

    DisconnectHandler(ProtocolSettings settings) {
        this.maxSessionExpirySeconds = settings.maxSessionExpirySeconds();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage packet) || packet.fixedHeader().messageType() != MqttMessageType.DISCONNECT) {
            ctx.fireChannelRead(msg);
            return;
        }
        MqttConnection connection = MqttConnection.of(ctx.channel());
        byte reason = 0;
        Integer expiry = null;
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            reason = header.reasonCode();
            expiry = InboundProperties.integer(header.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL);
        }
        ClientDisconnectDecision decision = ClientDisconnectRules.decide(
                reason, expiry, connection.connectSessionExpirySeconds(), maxSessionExpirySeconds);
        if (decision instanceof Disconnect disconnect) {
            Answers.disconnect(ctx.channel(), disconnect);
            return;
        }
        ClientDisconnectDecision.Close close = (ClientDisconnectDecision.Close) decision;
        if (close.sessionExpirySeconds() != null) {
            connection.sessionExpirySeconds(close.sessionExpirySeconds());
            if (connection.session() != null) {
                // Stored with the session: it lives, and its will falls due, as the client last asked.
                connection.session().expiryIntervalSeconds(close.sessionExpirySeconds());
            }
        }
        if (!close.keepWill()) {
            connection.discardWill();
        }
        Disconnector.connections.info(
                "{} disconnected (reason 0x{})", connection.clientId(), Integer.toHexString(reason & 0xff));
        ctx.close();
    }
}
