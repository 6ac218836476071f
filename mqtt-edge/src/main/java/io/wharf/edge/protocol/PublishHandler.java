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
import io.wharf.edge.auth.acl.AccessLog;
import io.wharf.edge.auth.acl.Action;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.limits.Limit;
import io.wharf.edge.limits.TopicLimits;
import io.wharf.edge.log.PayloadInvalidException;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.session.InboundQos2;
import io.wharf.edge.session.Session;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH from a client, and the PUBREL that ends a QoS 2 exchange: decodes them, asks
 * {@link PublishRules}, and carries the answer out. A QoS 1 message is acknowledged only after the
 * log made it durable; a QoS 2 message is written once however often the client re-sends it before
 * PUBREL. PUBACKs and PUBRECs go out in the order the messages came ({@link InboundPublishes}).
 * While Kafka is away the messages wait, within the outage limit; when the log fails for good, the
 * client gets the failure in the form its version has ({@link ProtocolReplies}), never an
 * acknowledgement.
 */
@ChannelHandler.Sharable
final class PublishHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PublishHandler.class);

    /** Every QoS 1 message's answer, one object for all: PUBACK once stored, the failure otherwise. */
    private static final InboundPublishes.Answer QOS1_STORED = (channel, packetId, message, error) -> {
        MqttConnection connection = MqttConnection.of(channel);
        connection.finishInbound();
        logFailure(connection, message, error);
        send(connection, PublishRules.stored(1, packetId, error));
    };

    private final int topicAliasMaximum;
    private final Clock clock;
    private final EdgeMetrics metrics;
    private final PublishDenied publishDenied;
    private final EdgeLimits limits;
    private final TopicLimits topicLimits;

    PublishHandler(
            ProtocolSettings settings,
            Clock clock,
            EdgeMetrics metrics,
            PublishDenied publishDenied,
            EdgeLimits limits) {
        this.topicAliasMaximum = settings.topicAliasMaximum();
        this.clock = clock;
        this.metrics = metrics;
        this.publishDenied = publishDenied;
        this.limits = limits;
        this.topicLimits = limits.settings().topics();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttPublishMessage publish) {
            try {
                MqttConnection connection = MqttConnection.of(ctx.channel());
                connection.pacing().published(publish.payload().readableBytes());
                onPublish(connection, publish);
            } finally {
                publish.release();
            }
        } else if (msg instanceof MqttMessage packet && packet.fixedHeader().messageType() == MqttMessageType.PUBREL) {
            onPubRel(MqttConnection.of(ctx.channel()), Packets.messageId(packet).messageId());
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onPublish(MqttConnection connection, MqttPublishMessage publish) {
        MqttProperties properties = publish.variableHeader().properties();
        TopicDecision topic = PublishRules.topic(
                publish.variableHeader().topicName(),
                InboundProperties.integer(properties, MqttProperties.TOPIC_ALIAS),
                connection.isMqtt5(),
                topicAliasMaximum,
                connection.inboundAliases());
        if (topic instanceof Disconnect disconnect) {
            Answers.disconnect(connection.channel(), disconnect);
            return;
        }
        TopicDecision.Topic resolved = (TopicDecision.Topic) topic;
        if (resolved.setsAlias() != null) {
            connection.inboundAliases().put(resolved.setsAlias(), resolved.name());
        }
        // after the alias is recorded: the client goes on using an alias it set, whatever the answer
        Optional<Limit> tooLarge = topicLimits.exceededBy(resolved.name());
        if (tooLarge.isPresent()) {
            limits.count(tooLarge.get());
            carryOut(
                    connection,
                    PublishRules.topicNotAccepted(
                            publish.fixedHeader().qosLevel().value(),
                            publish.variableHeader().packetId(),
                            connection.isMqtt5(),
                            topicLimits.reason(tooLarge.get())));
            return;
        }
        int qos = publish.fixedHeader().qosLevel().value();
        if (!connection.access().mayPublish(resolved.name())) {
            refuse(connection, resolved.name(), qos, publish.variableHeader().packetId());
            return;
        }
        metrics.received(qos, publish.payload().readableBytes());
        ApplicationMessage message = new ApplicationMessage(
                resolved.name(),
                ByteBufUtil.getBytes(publish.payload()),
                qos,
                publish.fixedHeader().isRetain(),
                connection.clientId(),
                clock.millis(), // the message's timestamp, from which its expiry counts
                InboundProperties.from(properties));
        PublishDecision decision =
                PublishRules.message(message, publish.variableHeader().packetId(), connection.isMqtt5());
        // What the connection holds decides the rest: a QoS 2 packet id seen before, the Receive Maximum.
        if (decision instanceof PublishDecision.Store store && qos == 2) {
            decision =
                    PublishRules.qos2(store, connection.session().inboundQos2().begin(store.packetId()));
        }
        if (decision instanceof PublishDecision.Store && qos > 0 && !connection.startInbound()) {
            decision = PublishRules.receiveMaximumExceeded();
        }
        carryOut(connection, decision);
    }

    /**
     * A PUBLISH the access rules refuse: never stored, counted, and answered as the client's version
     * can; where it cannot be told, the connection is closed if so configured (MQTT 3.1.1
     * [MQTT-3.3.5-2]: acknowledge as usual or close).
     */
    private void refuse(MqttConnection connection, String topic, int qos, int packetId) {
        metrics.denied(Action.PUBLISH);
        AccessLog.refused(connection.clientId(), Action.PUBLISH, topic);
        if (publishDenied == PublishDenied.DISCONNECT && !connection.replies().canRefusePublish(qos)) {
            Answers.disconnect(
                    connection.channel(),
                    new Disconnect(MqttReasonCodes.Disconnect.NOT_AUTHORIZED, "not allowed to publish to " + topic));
            return;
        }
        carryOut(connection, PublishRules.notAuthorized(qos, packetId, topic));
    }

    private void carryOut(MqttConnection connection, PublishDecision decision) {
        if (decision instanceof PublishDecision.Store store) {
            store(connection, store);
        } else if (decision instanceof PublishReply reply) {
            // known at once, yet it still goes out in its turn
            connection.publishes().answerNow(() -> send(connection, reply));
        } else if (decision instanceof Disconnect disconnect) {
            Answers.disconnect(connection.channel(), disconnect);
        }
    }

    private void store(MqttConnection connection, PublishDecision.Store store) {
        ApplicationMessage message = store.message();
        InboundPublishes publishes = connection.publishes();
        if (store.qos() == 0) {
            publishes.publishQos0(message);
        } else if (store.qos() == 1) {
            publishes.append(message, store.packetId(), QOS1_STORED);
        } else {
            storeQos2(connection, store);
        }
    }

    private void storeQos2(MqttConnection connection, PublishDecision.Store store) {
        ApplicationMessage message = store.message();
        int packetId = store.packetId();
        InboundQos2 received = connection.session().inboundQos2();
        InboundPublishes.Answer answer = (channel, id, stored, error) -> {
            if (error == null) {
                received.stored(packetId);
                connection.inboundQos2Stored();
            } else {
                logFailure(connection, message, error);
                received.failed(packetId);
                connection.finishInbound();
            }
            send(connection, PublishRules.stored(2, packetId, error));
        };
        // A session that outlives its connection stores the message and its packet id together, so
        // that the client's re-send after an edge crash is recognised; a session that ends with the
        // connection has no next edge to recognise anything.
        Session session = connection.session();
        if (session.expiryIntervalSeconds() > 0) {
            connection.publishes().await(session.storeQos2(message), message, packetId, answer);
        } else {
            connection.publishes().append(message, packetId, answer);
        }
    }

    private void onPubRel(MqttConnection connection, int packetId) {
        Session session = connection.session();
        boolean awaitingRelease = session.inboundQos2().release(packetId);
        PublishReply reply = PublishRules.released(packetId, awaitingRelease);
        Runnable complete =
                () -> Answers.send(connection.channel(), connection.replies().publishReply(reply), true);
        if (!awaitingRelease) {
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

    /** Writes a PUBACK or PUBREC; the reply order flushes. */
    private static void send(MqttConnection connection, PublishReply reply) {
        Answers.send(connection.channel(), connection.replies().publishReply(reply), false);
    }

    private static void logFailure(MqttConnection connection, ApplicationMessage message, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof PayloadInvalidException) {
            // the client is told; a device sending bad payloads would flood the log at WARN
            log.debug(
                    "Refused a QoS {} message from {} on {}: {}",
                    message.qos(),
                    connection.clientId(),
                    message.topic(),
                    cause.getMessage());
        } else if (error != null) {
            log.warn(
                    "Could not store a QoS {} message from {} on {}: {}",
                    message.qos(),
                    connection.clientId(),
                    message.topic(),
                    error.toString());
        }
    }
}
