package io.wharf.edge.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.wharf.edge.netty.ClientAddress;
import io.wharf.edge.netty.HandlerNames;
import io.wharf.edge.netty.OutputEnd;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The one way the edge ends a connection: it tells the client why where the protocol version lets
 * it (CONNACK before a session, DISCONNECT in MQTT 5), logs the reason, then closes the socket.
 *
 * <p>An answer must reach a client that is still sending. Closing a socket over unread bytes makes
 * the kernel answer them with a reset, and a reset can cost the client the answer (or fail its next
 * write before it reads it). So after an answer the edge ends only its own direction (the client
 * reads the answer, then the end of the stream), reads and discards what the client still sends
 * until the client closes too, and closes anyway after {@link #LINGER}. The connection itself (its
 * will, its session) ends at once: nothing the client sends after the answer counts.
 */
public final class Disconnector {

    /** The connection event log, for the handlers that still write to it directly; see {@link ConnectionLog}. */
    static final Logger connections = ConnectionLog.LOG;

    /** How long a client that got its answer may go on sending before the edge closes anyway. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private static final AttributeKey<Boolean> ENDING = AttributeKey.valueOf("wharf.ending");

    private Disconnector() {}

    /** Refuses a CONNECT with a CONNACK carrying {@code code}, then closes. */
    static void refuseConnect(Channel channel, MqttConnectReturnCode code, String why) {
        ConnectionLog.refused(ClientAddress.of(channel), why, code);
        answerThenClose(channel, Packets.connAck(code, false, new MqttProperties()));
    }

    /**
     * Refuses a CONNECT the decoder cannot read with a CONNACK already encoded (in the format the
     * client's protocol level asks for), then closes.
     */
    static void refuseConnect(Channel channel, ByteBuf connAck, String why) {
        ConnectionLog.refused(ClientAddress.of(channel), why);
        answerThenClose(channel, connAck);
    }

    /**
     * Ends an established connection. An MQTT 5 client gets a DISCONNECT with the reason code (and
     * the reason as text); older clients learn only that the socket closed, as their spec says.
     */
    public static void disconnect(Channel channel, MqttReasonCodes.Disconnect reason, String why) {
        if (isEnding(channel)) {
            return; // told already
        }
        MqttConnection connection = MqttConnection.of(channel);
        String client = connection == null
                ? String.valueOf(ClientAddress.of(channel))
                : connection.terms().clientId();
        ConnectionLog.disconnecting(client, why, reason);
        Optional<MqttMessage> answer =
                connection == null ? Optional.empty() : connection.replies().disconnect(reason, why);
        if (answer.isPresent()) {
            answerThenClose(channel, answer.get());
        } else {
            channel.close();
        }
    }

    /** Closes a connection whose bytes cannot be trusted, without answering. */
    static void closeQuietly(Channel channel, String why) {
        if (!isEnding(channel)) {
            ConnectionLog.closing(ClientAddress.of(channel), why);
        }
        channel.close();
    }

    /** Closes a connection that failed (an I/O error, a bug), without a word to the client. */
    public static void closeAfterFailure(Channel channel) {
        channel.close();
    }

    /** True once the edge has answered the client with the end of its connection. */
    static boolean isEnding(Channel channel) {
        return channel.hasAttr(ENDING)
                && Boolean.TRUE.equals(channel.attr(ENDING).get());
    }

    private static void answerThenClose(Channel channel, Object answer) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> answerThenClose(channel, answer));
            return;
        }
        if (!channel.isActive() || channel.attr(ENDING).setIfAbsent(Boolean.TRUE) != null) {
            ReferenceCountUtil.release(answer);
            return;
        }
        stopReadingPackets(channel.pipeline());
        MqttConnection connection = MqttConnection.of(channel);
        if (connection != null) {
            connection.end().closed();
        }
        ScheduledFuture<?> deadline =
                channel.eventLoop().schedule(() -> channel.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
        channel.config().setAutoRead(true); // read on, or the client's bytes stay unread
        channel.writeAndFlush(answer).addListener((ChannelFuture written) -> {
            if (written.isSuccess()) {
                OutputEnd.end(channel);
            } else {
                channel.close();
            }
        });
    }

    /**
     * The decoder gives way to a handler that drops every byte, so that nothing the client sends
     * after its answer reaches the protocol handlers; what the decoder held is dropped too.
     */
    private static void stopReadingPackets(ChannelPipeline pipeline) {
        if (pipeline.get(HandlerNames.DECODER) != null) {
            pipeline.replace(HandlerNames.DECODER, HandlerNames.DISCARD, new DiscardInbound());
        } else if (pipeline.get(HandlerNames.DISCARD) == null) {
            pipeline.addFirst(HandlerNames.DISCARD, new DiscardInbound());
        }
    }
}
