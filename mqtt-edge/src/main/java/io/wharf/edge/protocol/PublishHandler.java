package io.wharf.edge.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.message.Message;
import io.wharf.edge.session.InboundQos2;
import io.wharf.edge.session.Session;
import io.wharf.schemas.topic.TopicNames;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH from a client, and the PUBREL that ends a QoS 2 exchange. A QoS 1 message is
 * acknowledged only after the log made it durable; a QoS 2 message is written once however often
 * the client re-sends it before PUBREL. PUBACKs and PUBRECs go out in the order the messages came
 * ({@link InboundPublishes}). While Kafka is away the messages wait, within the outage limit; when
 * the log fails for good, the client is told (MQTT 5: PUBACK or PUBREC 0x80 Unspecified error) or
 * disconnected (3.1.1 has no negative acknowledgement), never acknowledged.
 */
@ChannelHandler.Sharable
final class PublishHandler extends ChannelInboundHandlerAdapter {

    static final PublishHandler INSTANCE = new PublishHandler();

    private static final Logger log = LoggerFactory.getLogger(PublishHandler.class);
    private static final byte SUCCESS = 0;

    private PublishHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPublishMessage publish) {
            try {
                onPublish(ctx, MqttConnection.of(ctx.channel()), publish);
            } finally {
                publish.release();
            }
        } else if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.PUBREL) {
            onPubRel(
                    ctx,
                    MqttConnection.of(ctx.channel()),
                    Packets.messageId(packet).messageId());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPublish(ChannelHandlerContext ctx, MqttConnection connection, MqttPublishMessage publish) {
        MqttProperties properties = publish.variableHeader().properties();
        String topic = TopicAliases.resolve(connection, publish.variableHeader().topicName(), properties);
        if (topic == null) {
            return; // the alias was wrong and the client has been disconnected
        }
        if (!TopicNames.isValidName(topic)) {
            Disconnector.disconnect(
                    ctx.channel(),
                    MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID,
                    "invalid topic name in PUBLISH: " + topic);
            return;
        }
        int qos = publish.fixedHeader().qosLevel().value();
        int packetId = publish.variableHeader().packetId();
        connection.services().metrics().received(qos);
        Message message = new Message(
                topic,
                ByteBufUtil.getBytes(publish.payload()),
                qos,
                publish.fixedHeader().isRetain(),
                connection.clientId(),
                System.currentTimeMillis(),
                InboundProperties.from(properties));
        if (connection.isMqtt5() && PayloadFormat.isInvalidUtf8(message)) {
            rejectPayloadFormat(connection, qos, packetId);
            return;
        }
        InboundPublishes publishes = connection.publishes();
        if (qos == 0) {
            publishes.publishQos0(message);
        } else if (qos == 1) {
            if (countInbound(connection)) {
                publishes.append(message, error -> () -> {
                    connection.finishInbound();
                    if (error != null) {
                        log.warn(
                                "Could not store a QoS 1 message from {} on {}: {}",
                                connection.clientId(),
                                message.topic(),
                                error.toString());
                    }
                    acknowledge(connection, MqttMessageType.PUBACK, packetId, error);
                });
            }
        } else {
            receiveQos2(connection, message, packetId);
        }
    }

    private void receiveQos2(MqttConnection connection, Message message, int packetId) {
        InboundQos2 received = connection.session().inboundQos2();
        InboundQos2.State known = received.begin(packetId);
        if (known == InboundQos2.State.STORED) {
            // a re-send: answer again (in its turn), store nothing
            connection.publishes().answerNow(() -> acknowledge(connection, MqttMessageType.PUBREC, packetId, null));
            return;
        }
        if (known == InboundQos2.State.STORING || !countInbound(connection)) {
            return; // the first copy is still being written; its PUBREC is on the way
        }
        Function<Throwable, Runnable> answer = error -> () -> {
            if (error == null) {
                received.stored(packetId);
                connection.inboundQos2Stored();
            } else {
                log.warn(
                        "Could not store a QoS 2 message from {} on {}: {}",
                        connection.clientId(),
                        message.topic(),
                        error.toString());
                received.failed(packetId);
                connection.finishInbound();
            }
            acknowledge(connection, MqttMessageType.PUBREC, packetId, error);
        };
        // A session that outlives its connection stores the message and its packet id together, so
        // that the client's re-send after an edge crash is recognised; a session that ends with the
        // connection has no next edge to recognise anything.
        Session session = connection.session();
        if (session.expiryIntervalSeconds() > 0) {
            connection.publishes().await(session.storeQos2(message), answer);
        } else {
            connection.publishes().append(message, answer);
        }
    }

    private void onPubRel(ChannelHandlerContext ctx, MqttConnection connection, int packetId) {
        Session session = connection.session();
        boolean known = session.inboundQos2().release(packetId);
        byte reason = known ? SUCCESS : MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue();
        Runnable complete = () -> ctx.writeAndFlush(
                Packets.publishReply(MqttMessageType.PUBCOMP, packetId, reason, MqttProperties.NO_PROPERTIES));
        if (!known) {
            complete.run();
            return;
        }
        connection.inboundQos2Released();
        // After PUBCOMP the client may use the id for a new message: the stored session must no longer
        // hold it by then, or an edge continuing the session would take that message for a re-send.
        if (session.expiryIntervalSeconds() > 0) {
            session.sendOnceStored(complete);
        } else {
            complete.run();
        }
    }

    /** @return false when the client went over the Receive Maximum and has been disconnected */
    private static boolean countInbound(MqttConnection connection) {
        if (connection.startInbound()) {
            return true;
        }
        Disconnector.disconnect(
                connection.channel(),
                MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED,
                "more unacknowledged QoS 1 and 2 messages than the Receive Maximum");
        return false;
    }

    private static void rejectPayloadFormat(MqttConnection connection, int qos, int packetId) {
        String why = "the payload is not the UTF-8 its Payload Format Indicator says";
        if (qos == 0) {
            Disconnector.disconnect(connection.channel(), MqttReasonCodes.Disconnect.PAYLOAD_FORMAT_INVALID, why);
            return;
        }
        MqttMessageType type = qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        connection
                .publishes()
                .answerNow(() -> connection
                        .channel()
                        .write(Packets.publishReply(
                                type,
                                packetId,
                                MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue(),
                                connection.reasonString(why))));
    }

    /** Writes the reply; the reply order flushes. A 3.1.1 client has no negative reply: it is disconnected. */
    private static void acknowledge(MqttConnection connection, MqttMessageType type, int packetId, Throwable error) {
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        if (error == null) {
            connection.channel().write(Packets.publishReply(type, packetId, SUCCESS, MqttProperties.NO_PROPERTIES));
        } else if (connection.isMqtt5()) {
            connection
                    .channel()
                    .write(Packets.publishReply(
                            type,
                            packetId,
                            MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue(),
                            connection.reasonString(
                                    error instanceof TimeoutException
                                            ? error.getMessage()
                                            : "the message could not be stored: "
                                                    + error.getClass().getSimpleName())));
        } else {
            connection.channel().flush(); // the replies before this one go out first
            Disconnector.disconnect(
                    connection.channel(),
                    MqttReasonCodes.Disconnect.UNSPECIFIED_ERROR,
                    "the message could not be stored");
        }
    }
}
