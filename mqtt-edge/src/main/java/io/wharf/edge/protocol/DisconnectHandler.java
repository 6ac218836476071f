package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * The client's DISCONNECT: a normal one discards the will; MQTT 5 reason 0x04 (disconnect with
 * will message) keeps it, so it is published as the connection closes. An MQTT 5 DISCONNECT may
 * also change how long the session outlives the connection.
 */
@ChannelHandler.Sharable
final class DisconnectHandler extends ChannelInboundHandlerAdapter {

    static final DisconnectHandler INSTANCE = new DisconnectHandler();

    private DisconnectHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage packet) || packet.fixedHeader().messageType() != MqttMessageType.DISCONNECT) {
            ctx.fireChannelRead(msg);
            return;
        }
        MqttConnection connection = MqttConnection.of(ctx.channel());
        byte reason = 0;
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            reason = header.reasonCode();
            Integer expiry = InboundProperties.integer(header.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL);
            if (expiry != null && !connection.changeSessionExpiry(Integer.toUnsignedLong(expiry))) {
                Disconnector.disconnect(
                        ctx.channel(),
                        MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                        "a session expiry set in DISCONNECT after 0 in CONNECT");
                return;
            }
            if (expiry != null && connection.session() != null) {
                // Stored with the session: it lives, and its will falls due, as the client last asked.
                connection
                        .session()
                        .expiryIntervalSeconds(Math.min(
                                Integer.toUnsignedLong(expiry),
                                connection.services().settings().maxSessionExpirySeconds()));
            }
        }
        if (reason != MqttReasonCodes.Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue()) {
            connection.discardWill();
        }
        Disconnector.connections.info(
                "{} disconnected (reason 0x{})", connection.clientId(), Integer.toHexString(reason & 0xff));
        ctx.close();
    }
}
