package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the edge ends a connection: it tells the client why where the protocol version lets
 * it (CONNACK before a session, DISCONNECT in MQTT 5), logs the reason, then closes the socket.
 */
public final class Disconnector {

    static final Logger connections = LoggerFactory.getLogger("wharf.connections");

    private Disconnector() {}

    /** Refuses a CONNECT with a CONNACK carrying {@code code}, then closes. */
    static void refuseConnect(Channel channel, MqttConnectReturnCode code, String why) {
        connections.info("Refused connection from {}: {} ({})", channel.remoteAddress(), why, code);
        MqttProperties properties = new MqttProperties();
        channel.writeAndFlush(Packets.connAck(code, false, properties)).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Ends an established connection. An MQTT 5 client gets a DISCONNECT with the reason code (and
     * the reason as text); older clients learn only that the socket closed, as their spec says.
     */
    public static void disconnect(Channel channel, MqttReasonCodes.Disconnect reason, String why) {
        MqttConnection connection = MqttConnection.of(channel);
        String client = connection == null ? String.valueOf(channel.remoteAddress()) : connection.clientId();
        connections.info("Disconnecting {}: {} ({})", client, why, reason);
        if (connection != null && connection.version() == MqttVersion.MQTT_5 && channel.isActive()) {
            channel.writeAndFlush(Packets.disconnect(reason.byteValue(), Packets.reasonString(why)))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** Closes a connection whose bytes cannot be trusted, without answering. */
    static void closeQuietly(Channel channel, String why) {
        connections.info("Closing connection from {}: {}", channel.remoteAddress(), why);
        channel.close();
    }
}
