package io.wharf.edge.protocol;

import static io.wharf.edge.netty.HandlerNames.CONNECT;
import static io.wharf.edge.netty.HandlerNames.CONNECTING_BYTES;
import static io.wharf.edge.netty.HandlerNames.CONNECTION_LIFECYCLE;
import static io.wharf.edge.netty.HandlerNames.CONNECT_TIMEOUT;
import static io.wharf.edge.netty.HandlerNames.DECODER;
import static io.wharf.edge.netty.HandlerNames.DELIVERY_ACKS;
import static io.wharf.edge.netty.HandlerNames.DISCONNECT;
import static io.wharf.edge.netty.HandlerNames.ENCODER;
import static io.wharf.edge.netty.HandlerNames.EXCEPTION;
import static io.wharf.edge.netty.HandlerNames.FLUSH_CONSOLIDATION;
import static io.wharf.edge.netty.HandlerNames.KEEP_ALIVE_IDLE;
import static io.wharf.edge.netty.HandlerNames.KEEP_ALIVE_TIMEOUT;
import static io.wharf.edge.netty.HandlerNames.MALFORMED_PACKET;
import static io.wharf.edge.netty.HandlerNames.PING;
import static io.wharf.edge.netty.HandlerNames.PROPERTY_CHECK;
import static io.wharf.edge.netty.HandlerNames.PROTOCOL_LEVEL;
import static io.wharf.edge.netty.HandlerNames.PUBLISH;
import static io.wharf.edge.netty.HandlerNames.SUBSCRIBE;
import static io.wharf.edge.netty.HandlerNames.UNEXPECTED_PACKET;
import static io.wharf.edge.netty.HandlerNames.WAITING_PACKETS;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.netty.ExceptionHandler;
import java.util.concurrent.TimeUnit;

/**
 * Every handler of an MQTT connection's pipeline, top to bottom: the pipeline of a new connection
 * ({@link #beforeConnect}), and what it becomes once CONNECT is accepted ({@link #connected}). Each
 * handler sits under its own name from {@link io.wharf.edge.netty.HandlerNames}. Two more changes
 * happen elsewhere, each by the handler concerned: the protocol-level guard steps aside after the
 * first packet, and the {@link Disconnector} puts a discarding handler in the decoder's place once
 * it has ended the connection.
 */
public final class MqttPipeline {

    private MqttPipeline() {}

    /** A new connection, which must send CONNECT first. */
    public static void beforeConnect(
            ChannelPipeline pipeline, ProtocolSettings settings, EdgeLimits limits, ConnectHandler connect) {
        pipeline.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        pipeline.addLast(CONNECT_TIMEOUT, new ConnectTimeoutHandler(settings.connectTimeout()));
        pipeline.addLast(CONNECTING_BYTES, new ConnectingBytesHandler(limits));
        pipeline.addLast(PROTOCOL_LEVEL, new ProtocolLevelGuard());
        pipeline.addLast(DECODER, new MqttDecoder(settings.maxPacketSize(), settings.maxClientIdLength()));
        pipeline.addLast(ENCODER, MqttEncoder.INSTANCE);
        pipeline.addLast(MALFORMED_PACKET, MalformedPacketHandler.INSTANCE);
        pipeline.addLast(CONNECT, connect);
        pipeline.addLast(EXCEPTION, ExceptionHandler.INSTANCE);
    }

    /**
     * CONNECT was accepted: the connect timeout, the count of its bytes and the connect handler go, the handlers of a
     * connected client come. Until its session is loaded, {@code waiting} holds the packets the
     * client sends meanwhile (in the connect handler's place, so they pass the checks first).
     */
    static void connected(
            ChannelPipeline pipeline,
            boolean mqtt5,
            int keepAliveSeconds,
            WaitingPacketsHandler waiting,
            ConnectedHandlers handlers) {
        pipeline.remove(CONNECT_TIMEOUT);
        pipeline.remove(CONNECTING_BYTES);
        // FLUSH_CONSOLIDATION, PROTOCOL_LEVEL (until the guard stepped aside)
        if (keepAliveSeconds > 0) {
            long idleMillis = keepAliveSeconds * 1500L; // [MQTT-3.1.2-24]: one and a half times the keep alive
            pipeline.addBefore(DECODER, KEEP_ALIVE_IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
        }
        // DECODER, ENCODER, MALFORMED_PACKET
        After after = new After(pipeline, MALFORMED_PACKET);
        if (mqtt5) {
            after.add(PROPERTY_CHECK, PropertyCheckHandler.INSTANCE);
        }
        if (keepAliveSeconds > 0) {
            after.add(KEEP_ALIVE_TIMEOUT, KeepAliveHandler.INSTANCE);
        }
        pipeline.replace(CONNECT, WAITING_PACKETS, waiting);
        new After(pipeline, WAITING_PACKETS)
                .add(CONNECTION_LIFECYCLE, ConnectionLifecycleHandler.INSTANCE)
                .add(PUBLISH, handlers.publish())
                .add(DELIVERY_ACKS, DeliveryAckHandler.INSTANCE)
                .add(SUBSCRIBE, handlers.subscribe())
                .add(PING, PingHandler.INSTANCE)
                .add(DISCONNECT, handlers.disconnect())
                .add(UNEXPECTED_PACKET, UnexpectedPacketHandler.INSTANCE);
        // EXCEPTION stays last
    }

    /** Adds handlers one after the other, starting after an existing one. */
    private static final class After {
        private final ChannelPipeline pipeline;
        private String previous;

        After(ChannelPipeline pipeline, String previous) {
            this.pipeline = pipeline;
            this.previous = previous;
        }

        After add(String name, ChannelHandler handler) {
            pipeline.addAfter(previous, name, handler);
            previous = name;
            return this;
        }
    }
}
