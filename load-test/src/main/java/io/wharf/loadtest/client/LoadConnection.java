package io.wharf.loadtest.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.wharf.loadtest.measure.Measurements;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT client connection of the load generator: it connects, subscribes, publishes with QoS 0,
 * 1 or 2 and completes both sides of every acknowledgement exchange. Everything but the futures
 * runs on the connection's event loop; publishers call {@link #publish} from that loop.
 */
public final class LoadConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(LoadConnection.class);
    private static final int MAX_PACKET_ID = 65_535;

    private final String clientId;
    private final ConnectSettings settings;
    private final MessageListener listener;
    private final Measurements measurements;
    private final int window;
    private final CompletableFuture<Boolean> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private IntObjectMap<Object> outbound;
    private IntObjectMap<CompletableFuture<List<Integer>>> subscriptions;
    private IntObjectMap<Boolean> inboundQos2;
    private Channel channel;
    private int lastPacketId;
    private int receiveMaximum = MAX_PACKET_ID;
    private boolean closing;
    private Runnable onCapacity = () -> {};

    /**
     * @param window the most QoS 1 and 2 messages this client keeps unacknowledged (a broker's
     *     receive maximum can lower it)
     */
    LoadConnection(
            String clientId,
            ConnectSettings settings,
            MessageListener listener,
            Measurements measurements,
            int window) {
        this.clientId = clientId;
        this.settings = settings;
        this.listener = listener;
        this.measurements = measurements;
        this.window = window;
    }

    public String clientId() {
        return clientId;
    }

    public Channel channel() {
        return channel;
    }

    /** Completes on a successful CONNACK with its session-present flag. */
    public CompletableFuture<Boolean> connected() {
        return connected;
    }

    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Runs {@code task} on this connection's event loop. */
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    /** Called on the event loop whenever an acknowledgement or writability frees room to publish. */
    public void onCapacity(Runnable task) {
        this.onCapacity = task;
    }

    /** Subscribes to every filter at {@code qos}; completes with the granted codes from SUBACK. */
    public CompletableFuture<List<Integer>> subscribe(List<String> filters, int qos) {
        CompletableFuture<List<Integer>> granted = new CompletableFuture<>();
        execute(() -> {
            int packetId = nextPacketId();
            if (subscriptions == null) {
                subscriptions = new IntObjectHashMap<>(2);
            }
            subscriptions.put(packetId, granted);
            channel.writeAndFlush(Packets.subscribe(packetId, filters, qos));
        });
        return granted;
    }

    /** Whether a message can go now without exceeding the window or the socket's buffer. */
    public boolean canPublish(int qos) {
        if (!channel.isActive() || closing || !channel.isWritable()) {
            return false;
        }
        return qos == 0 || inFlight() < Math.min(window, receiveMaximum);
    }

    /** Writes a PUBLISH (not flushed: call {@link #flush}); takes ownership of {@code payload}. */
    public void publish(String topic, int qos, ByteBuf payload) {
        int packetId = 0;
        if (qos > 0) {
            packetId = nextPacketId();
            outbound().put(packetId, Long.valueOf(System.nanoTime())); // when it was written
        }
        channel.write(Packets.publish(topic, qos, packetId, payload), channel.voidPromise());
        measurements.published();
        if (qos == 0) {
            measurements.acknowledged(); // nothing comes back for QoS 0: written counts as done
        }
    }

    public void flush() {
        channel.flush();
    }

    /** QoS 1 and 2 messages sent and not yet completed. */
    public int inFlight() {
        return outbound == null ? 0 : outbound.size();
    }

    /** Sends DISCONNECT and closes; completes when the connection is closed. */
    public CompletableFuture<Void> disconnect() {
        execute(() -> {
            closing = true;
            if (channel.isActive()) {
                channel.writeAndFlush(MqttMessage.DISCONNECT).addListener(done -> channel.close());
            }
        });
        return closed;
    }

    /**
     * Sends DISCONNECT with a session expiry of 0 (MQTT 5), so that the broker forgets a persistent
     * session now rather than keeping it offline; a plain DISCONNECT in MQTT 3.1.1.
     */
    public CompletableFuture<Void> disconnectEndingSession() {
        execute(() -> {
            closing = true;
            if (channel.isActive()) {
                channel.writeAndFlush(Packets.disconnectEndingSession(settings.version()))
                        .addListener(done -> channel.close());
            }
        });
        return closed;
    }

    /** Drops the TCP connection without DISCONNECT, as a device that loses its network would. */
    public CompletableFuture<Void> drop() {
        execute(() -> {
            closing = true;
            channel.close();
        });
        return closed;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.writeAndFlush(Packets.connect(clientId, settings));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage packet)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (packet.decoderResult().isFailure()) {
            measurements.error("malformed packet from broker");
            log.debug(
                    "{}: malformed packet: {}",
                    clientId,
                    packet.decoderResult().cause().toString());
            ctx.close();
            return;
        }
        switch (packet.fixedHeader().messageType()) {
            case CONNACK -> onConnAck((MqttConnAckMessage) packet);
            case PUBLISH -> onPublish(ctx, (MqttPublishMessage) packet);
            case PUBACK, PUBCOMP -> completed(packet);
            case PUBREC -> onPubRec(ctx, packet);
            case PUBREL -> ctx.writeAndFlush(Packets.reply(MqttMessageType.PUBCOMP, onPubRel(packetId(packet))));
            case SUBACK -> onSubAck((MqttSubAckMessage) packet);
            case DISCONNECT -> {
                measurements.error("DISCONNECT from broker");
                ctx.close();
            }
            default -> {
                // PINGRESP, UNSUBACK: nothing to do
            }
        }
    }

    private void onConnAck(MqttConnAckMessage connAck) {
        MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            connected.completeExceptionally(new IllegalStateException("CONNACK refused " + clientId + ": " + code));
            channel.close();
            return;
        }
        MqttProperties.MqttProperty<?> maximum =
                connAck.variableHeader().properties().getProperty(MqttProperties.RECEIVE_MAXIMUM);
        if (maximum != null) {
            receiveMaximum = (Integer) maximum.value();
        }
        connected.complete(connAck.variableHeader().isSessionPresent());
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        try {
            int qos = publish.fixedHeader().qosLevel().value();
            int packetId = publish.variableHeader().packetId();
            boolean repeat = qos == 2 && inboundQos2().containsKey(packetId);
            if (!repeat) {
                listener.onMessage(this, publish.variableHeader().topicName(), publish.payload(), System.nanoTime());
            }
            if (qos == 1) {
                ctx.writeAndFlush(Packets.reply(MqttMessageType.PUBACK, packetId));
            } else if (qos == 2) {
                inboundQos2().put(packetId, Boolean.TRUE);
                ctx.writeAndFlush(Packets.reply(MqttMessageType.PUBREC, packetId));
            }
        } finally {
            publish.release();
        }
    }

    private int onPubRel(int packetId) {
        if (inboundQos2 != null) {
            inboundQos2.remove(packetId);
        }
        return packetId;
    }

    private void onPubRec(ChannelHandlerContext ctx, MqttMessage pubRec) {
        if (refused(pubRec)) {
            completed(pubRec);
        } else {
            ctx.writeAndFlush(Packets.reply(MqttMessageType.PUBREL, packetId(pubRec)));
        }
    }

    /** Ends a QoS 1 or 2 exchange; a reason code of 0x80 or more counts as an error, not an ack. */
    private void completed(MqttMessage reply) {
        Object sent = outbound == null ? null : outbound.remove(packetId(reply));
        if (sent == null) {
            return;
        }
        if (refused(reply)) {
            measurements.error(reply.fixedHeader().messageType() + " with an error reason code");
        } else {
            measurements.acknowledged((Long) sent);
        }
        onCapacity.run();
    }

    private static boolean refused(MqttMessage reply) {
        return reply.variableHeader() instanceof MqttPubReplyMessageVariableHeader header
                && (header.reasonCode() & 0xFF) >= 0x80;
    }

    private void onSubAck(MqttSubAckMessage subAck) {
        CompletableFuture<List<Integer>> granted = subscriptions == null
                ? null
                : subscriptions.remove(subAck.variableHeader().messageId());
        if (granted != null) {
            granted.complete(subAck.payload().reasonCodes());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            onCapacity.run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(MqttMessage.PINGREQ);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!closing) {
            measurements.error(connected.isDone() ? "connection lost" : "connection closed before CONNACK");
        }
        connected.completeExceptionally(new IllegalStateException("connection of " + clientId + " closed"));
        if (subscriptions != null) {
            subscriptions
                    .values()
                    .forEach(pending -> pending.completeExceptionally(new IllegalStateException("connection closed")));
        }
        closed.complete(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("{}: {}", clientId, cause.toString());
        ctx.close();
    }

    private IntObjectMap<Object> outbound() {
        if (outbound == null) {
            outbound = new IntObjectHashMap<>(Math.min(window, 64));
        }
        return outbound;
    }

    private IntObjectMap<Boolean> inboundQos2() {
        if (inboundQos2 == null) {
            inboundQos2 = new IntObjectHashMap<>(4);
        }
        return inboundQos2;
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
        } while ((outbound != null && outbound.containsKey(lastPacketId))
                || (subscriptions != null && subscriptions.containsKey(lastPacketId)));
        return lastPacketId;
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }
}
