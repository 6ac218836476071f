package io.wharf.edge.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.wharf.edge.auth.acl.AccessLog;
import io.wharf.edge.auth.acl.Action;
import io.wharf.edge.auth.acl.ConnectionAccess;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.session.SessionOutput;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the session sends to the client: PUBLISH within the client's Maximum Packet Size (with
 * topic aliases while the client allows them) and PUBREL. Used on the channel's event loop only.
 */
final class ClientOutput implements SessionOutput {

    private final Channel channel;
    private final ConnectionTerms terms;
    private final ProtocolReplies replies;
    private final Clock clock;
    private final EdgeMetrics metrics;
    private final ConnectionAccess access;
    private final Map<String, Integer> outboundAliases = new HashMap<>();
    private final Runnable flush = this::flush;
    private boolean flushScheduled;

    ClientOutput(
            Channel channel,
            ConnectionTerms terms,
            ProtocolReplies replies,
            Clock clock,
            EdgeMetrics metrics,
            ConnectionAccess access) {
        this.channel = channel;
        this.access = access;
        this.terms = terms;
        this.replies = replies;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean mayReceive(String topic) {
        if (access.mayReceive(topic)) {
            return true;
        }
        metrics.denied(Action.RECEIVE);
        AccessLog.refused(terms.clientId(), Action.RECEIVE, topic);
        return false;
    }

    @Override
    public boolean publish(
            ApplicationMessage message,
            int qos,
            boolean retain,
            boolean dup,
            int packetId,
            List<Integer> subscriptionIds) {
        MqttProperties properties = replies.publishProperties(message, subscriptionIds, clock.millis());
        String topic = applyTopicAlias(message.topic(), properties);
        if (PacketSize.publish(topic, qos, properties, message.payload().length)
                > terms.limits().maximumPacketSize()) {
            metrics.droppedTooLarge();
            ConnectionLog.tooLargeForClient(message.payload().length, message.topic(), terms.clientId());
            return false;
        }
        writeSoon(Packets.publish(
                topic, qos, retain, dup, packetId, Unpooled.wrappedBuffer(message.payload()), properties));
        metrics.delivered(qos, message.payload().length);
        return true;
    }

    @Override
    public void release(int packetId) {
        writeSoon(Packets.publishReply(MqttMessageType.PUBREL, packetId, (byte) 0, MqttProperties.NO_PROPERTIES));
    }

    /**
     * Writes now and flushes once the event loop has finished its current task: a batch of live
     * messages for many clients writes each client's share and costs each socket one flush, not one
     * per message. The outbound buffer counts what is written, so {@link #isWritable()} still holds
     * the session back.
     */
    private void writeSoon(Object packet) {
        channel.write(packet, channel.voidPromise());
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flush);
        }
    }

    private void flush() {
        flushScheduled = false;
        channel.flush();
    }

    /**
     * Gives a topic an alias the first time it is sent (while aliases last), and sends only the
     * alias after. A client that allows none (every 3.1.1 client) gets the topic as it is.
     */
    private String applyTopicAlias(String topic, MqttProperties properties) {
        int maximum = terms.limits().topicAliasMaximum();
        if (maximum == 0) {
            return topic;
        }
        Integer alias = outboundAliases.get(topic);
        if (alias != null) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
            return "";
        }
        if (outboundAliases.size() < maximum) {
            alias = outboundAliases.size() + 1;
            outboundAliases.put(topic, alias);
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        }
        return topic;
    }
}
