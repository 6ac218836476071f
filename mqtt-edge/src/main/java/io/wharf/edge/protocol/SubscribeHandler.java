package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.session.Session;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SUBSCRIBE and UNSUBSCRIBE. SUBACK goes out only once the live feed reads every partition the new
 * filters can match, from offsets taken now, so a message published after SUBACK reaches the
 * client, and, for a session that outlives its connection, once the session state holding them is
 * stored; the matching retained messages follow SUBACK as the Retain Handling option says. A shared
 * subscription ({@code $share/{ShareName}/{filter}}) gets its SUBACK once its group is ready, and
 * no retained messages; a replay ({@code $replay/{from}[/{to}]/{filter}}) once it knows where in
 * the log to start, and its history after SUBACK.
 */
@ChannelHandler.Sharable
final class SubscribeHandler extends ChannelInboundHandlerAdapter {

    static final SubscribeHandler INSTANCE = new SubscribeHandler();

    private static final int SEND_RETAINED_IF_NEW = 1;
    private static final int NEVER_SEND_RETAINED = 2;

    private SubscribeHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttSubscribeMessage subscribe) {
            onSubscribe(ctx, MqttConnection.of(ctx.channel()), subscribe);
        } else if (msg instanceof MqttUnsubscribeMessage unsubscribe) {
            onUnsubscribe(ctx, MqttConnection.of(ctx.channel()), unsubscribe);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onSubscribe(ChannelHandlerContext ctx, MqttConnection connection, MqttSubscribeMessage subscribe) {
        MqttMessageIdAndPropertiesVariableHeader header = subscribe.idAndPropertiesVariableHeader();
        Integer subscriptionId = InboundProperties.integer(header.properties(), MqttProperties.SUBSCRIPTION_IDENTIFIER);
        if (subscriptionId != null && subscriptionId == 0) {
            Disconnector.disconnect(
                    ctx.channel(), MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "subscription identifier 0");
            return;
        }
        if (subscribe.payload().topicSubscriptions().isEmpty()) {
            Disconnector.disconnect(
                    ctx.channel(), MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "SUBSCRIBE without a topic filter");
            return;
        }
        Session session = connection.session();
        List<Integer> reasonCodes = new ArrayList<>();
        List<CompletableFuture<Void>> following = new ArrayList<>();
        List<Runnable> afterSubAck = new ArrayList<>();
        for (MqttTopicSubscription request : subscribe.payload().topicSubscriptions()) {
            MqttSubscriptionOption option = request.option();
            int qos = Math.min(option.qos().value(), 2);
            int retainHandling = option.retainHandling().value();
            SubscriptionOptions options = new SubscriptionOptions(
                    qos,
                    option.isNoLocal(),
                    option.isRetainAsPublished(),
                    retainHandling,
                    subscriptionId == null ? 0 : subscriptionId);
            if (SharedSubscription.isShared(request.topicFilter())) {
                SharedSubscription shared = parseShared(request.topicFilter());
                if (shared != null && option.isNoLocal()) {
                    Disconnector.disconnect(
                            ctx.channel(),
                            MqttReasonCodes.Disconnect.PROTOCOL_ERROR,
                            "No Local on a shared subscription");
                    return;
                }
                if (shared == null) {
                    reasonCodes.add(failure(connection, MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID));
                } else if (isDenied(connection, shared.filter())) {
                    reasonCodes.add(failure(connection, MqttReasonCodes.SubAck.NOT_AUTHORIZED));
                } else {
                    following.add(session.subscribeShared(shared, options));
                    reasonCodes.add(qos);
                }
                continue;
            }
            if (ReplayRequest.isReplay(request.topicFilter())) {
                reasonCodes.add(replay(connection, request.topicFilter(), options, following, afterSubAck));
                continue;
            }
            TopicFilter filter = parse(request.topicFilter());
            if (filter == null) {
                reasonCodes.add(failure(connection, MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID));
                continue;
            }
            if (isDenied(connection, filter)) {
                reasonCodes.add(failure(connection, MqttReasonCodes.SubAck.NOT_AUTHORIZED));
                continue;
            }
            boolean isNew = !session.hasSubscription(filter);
            following.add(session.subscribe(filter, options));
            if (!connection.isMqtt5()
                    || retainHandling != NEVER_SEND_RETAINED && (retainHandling != SEND_RETAINED_IF_NEW || isNew)) {
                afterSubAck.add(() -> session.sendRetained(filter, options));
            }
            reasonCodes.add(qos);
        }
        int packetId = header.messageId();
        CompletableFuture.allOf(following.toArray(CompletableFuture[]::new))
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null) {
                                Disconnector.connections.warn(
                                        "Subscribing {} failed: {}", connection.clientId(), error.toString());
                                List<Integer> failed = reasonCodes.stream()
                                        .map(code -> code < 0x80
                                                ? failure(connection, MqttReasonCodes.SubAck.UNSPECIFIED_ERROR)
                                                : code)
                                        .toList();
                                ctx.writeAndFlush(Packets.subAck(
                                        packetId,
                                        failed,
                                        connection.reasonString("the subscription could not be set up")));
                                return;
                            }
                            Runnable subAck = () -> {
                                ctx.writeAndFlush(Packets.subAck(packetId, reasonCodes, MqttProperties.NO_PROPERTIES));
                                afterSubAck.forEach(Runnable::run);
                            };
                            if (session.expiryIntervalSeconds() > 0) {
                                session.sendOnceStored(
                                        subAck); // a persistent session's subscriptions are in Kafka before SUBACK
                            } else {
                                subAck.run();
                            }
                        },
                        ctx.executor());
    }

    /**
     * Starts a replay subscription; its messages follow SUBACK.
     *
     * @return its SUBACK reason code
     */
    private static int replay(
            MqttConnection connection,
            String text,
            SubscriptionOptions options,
            List<CompletableFuture<Void>> following,
            List<Runnable> afterSubAck) {
        ReplayRequest replay;
        try {
            replay = ReplayRequest.parse(text);
        } catch (InvalidTopicException e) {
            Disconnector.connections.info("{}: refused replay {}: {}", connection.clientId(), text, e.getMessage());
            return failure(connection, MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
        }
        if (isDenied(connection, replay.filter())) {
            return failure(connection, MqttReasonCodes.SubAck.NOT_AUTHORIZED);
        }
        Session session = connection.session();
        if (!session.canReplay(replay)) {
            return failure(connection, MqttReasonCodes.SubAck.QUOTA_EXCEEDED);
        }
        following.add(session.replay(replay, options));
        afterSubAck.add(() -> session.startReplay(replay));
        return options.qos();
    }

    private void onUnsubscribe(
            ChannelHandlerContext ctx, MqttConnection connection, MqttUnsubscribeMessage unsubscribe) {
        if (unsubscribe.payload().topics().isEmpty()) {
            Disconnector.disconnect(
                    ctx.channel(), MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "UNSUBSCRIBE without a topic filter");
            return;
        }
        List<Short> reasonCodes = new ArrayList<>();
        for (String text : unsubscribe.payload().topics()) {
            if (ReplayRequest.isReplay(text)) {
                reasonCodes.add(unsubscribed(true, connection.session().unsubscribeReplay(text)));
            } else if (SharedSubscription.isShared(text)) {
                SharedSubscription shared = parseShared(text);
                reasonCodes.add(unsubscribed(
                        shared != null, shared != null && connection.session().unsubscribeShared(shared)));
            } else {
                TopicFilter filter = parse(text);
                reasonCodes.add(unsubscribed(
                        filter != null, filter != null && connection.session().unsubscribe(filter)));
            }
        }
        ctx.writeAndFlush(Packets.unsubAck(
                unsubscribe.idAndPropertiesVariableHeader().messageId(), reasonCodes, MqttProperties.NO_PROPERTIES));
    }

    private static boolean isDenied(MqttConnection connection, TopicFilter filter) {
        return !connection.services().subscribePermission().allows(connection.clientId(), filter);
    }

    private static short unsubscribed(boolean valid, boolean existed) {
        MqttReasonCodes.UnsubAck code = !valid
                ? MqttReasonCodes.UnsubAck.TOPIC_FILTER_INVALID
                : existed ? MqttReasonCodes.UnsubAck.SUCCESS : MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED;
        return code.byteValue();
    }

    private static SharedSubscription parseShared(String text) {
        try {
            return SharedSubscription.parse(text);
        } catch (InvalidTopicException e) {
            return null;
        }
    }

    private static TopicFilter parse(String text) {
        try {
            return TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            return null;
        }
    }

    /** A SUBACK failure: MQTT 5 says why, 3.1.1 has only 0x80. */
    private static int failure(MqttConnection connection, MqttReasonCodes.SubAck reason) {
        return connection.isMqtt5() ? reason.byteValue() & 0xff : 0x80;
    }
}
