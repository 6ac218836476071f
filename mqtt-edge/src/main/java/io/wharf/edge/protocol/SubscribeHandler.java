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
import io.wharf.edge.auth.acl.Action;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.limits.Limit;
import io.wharf.edge.limits.SubscriptionLimits;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * SUBSCRIBE and UNSUBSCRIBE: decodes them, asks {@link SubscribeRules} and {@link UnsubscribeRules}
 * filter by filter, and carries each answer out. SUBACK goes out only once the live feed reads
 * every partition the new filters can match, from offsets taken now, so a message published after
 * SUBACK reaches the client, and, for a session that outlives its connection, once the session
 * state holding them is stored; the matching retained messages follow SUBACK as the Retain
 * Handling option says. A shared subscription ({@code $share/{ShareName}/{filter}}) gets its SUBACK
 * once its group is ready, and no retained messages; a replay ({@code $replay/{from}[/{to}]/{filter}})
 * once it knows where in the log to start, and its history after SUBACK.
 */
@ChannelHandler.Sharable
final class SubscribeHandler extends ChannelInboundHandlerAdapter {

    private final SubscribePermission permission;
    private final EdgeMetrics metrics;
    private final EdgeLimits limits;
    private final SubscriptionLimits subscriptionLimits;

    SubscribeHandler(SubscribePermission permission, EdgeMetrics metrics, EdgeLimits limits) {
        this.permission = permission;
        this.metrics = metrics;
        this.limits = limits;
        this.subscriptionLimits = SubscriptionLimits.of(limits.settings());
    }

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
        List<MqttTopicSubscription> requests = subscribe.payload().topicSubscriptions();
        Optional<Disconnect> broken = SubscribeRules.checkPacket(subscriptionId, requests.size());
        if (broken.isPresent()) {
            Answers.disconnect(ctx.channel(), broken.get());
            return;
        }
        Session session = connection.session();
        SubscribeRules.Terms terms = new SubscribeRules.Terms(
                connection.isMqtt5(),
                filter -> connection.access().maySubscribe(filter) && permission.allows(connection.clientId(), filter),
                session::hasSubscription,
                session::canReplay);
        List<MqttReasonCodes.SubAck> codes = new ArrayList<>();
        List<CompletableFuture<Void>> following = new ArrayList<>();
        List<Runnable> afterSubAck = new ArrayList<>();
        for (MqttTopicSubscription request : requests) {
            SubscribeDecision decision = SubscribeRules.decide(request(request), subscriptionId, terms);
            if (decision instanceof Disconnect disconnect) {
                Answers.disconnect(ctx.channel(), disconnect);
                return;
            }
            decision = withinLimits(decision, request.topicFilter(), session);
            codes.add(SubscribeRules.code(decision));
            if (decision instanceof SubscribeDecision.Subscribe plain) {
                following.add(session.subscribe(plain.filter(), plain.options()));
                if (plain.sendRetained()) {
                    afterSubAck.add(() -> session.sendRetained(plain.filter(), plain.options()));
                }
            } else if (decision instanceof SubscribeDecision.Shared shared) {
                following.add(session.subscribeShared(shared.subscription(), shared.options()));
            } else if (decision instanceof SubscribeDecision.Replay replay) {
                following.add(session.replay(replay.request(), replay.options()));
                afterSubAck.add(() -> session.startReplay(replay.request()));
            } else if (decision instanceof SubscribeDecision.Refused refused) {
                if (refused.reason() == MqttReasonCodes.SubAck.NOT_AUTHORIZED) {
                    metrics.denied(Action.SUBSCRIBE);
                }
                Disconnector.connections.debug(
                        "{}: refused subscription {}: {}", connection.clientId(), request.topicFilter(), refused.why());
            }
        }
        int packetId = header.messageId();
        ProtocolReplies replies = connection.replies();
        CompletableFuture.allOf(following.toArray(CompletableFuture[]::new))
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null) {
                                Disconnector.connections.warn(
                                        "Subscribing {} failed: {}", connection.clientId(), error.toString());
                                ctx.writeAndFlush(replies.subAck(
                                        packetId,
                                        SubscribeRules.setUpFailed(codes),
                                        "the subscription could not be set up"));
                                return;
                            }
                            Runnable subAck = () -> {
                                ctx.writeAndFlush(replies.subAck(packetId, codes, null));
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

    private void onUnsubscribe(
            ChannelHandlerContext ctx, MqttConnection connection, MqttUnsubscribeMessage unsubscribe) {
        List<String> filters = unsubscribe.payload().topics();
        Optional<Disconnect> broken = UnsubscribeRules.checkPacket(filters.size());
        if (broken.isPresent()) {
            Answers.disconnect(ctx.channel(), broken.get());
            return;
        }
        Session session = connection.session();
        List<MqttReasonCodes.UnsubAck> codes = new ArrayList<>();
        for (String text : filters) {
            UnsubscribeDecision decision = UnsubscribeRules.decide(text);
            if (decision instanceof UnsubscribeDecision.Unsubscribe plain) {
                codes.add(UnsubscribeRules.code(session.unsubscribe(plain.filter())));
            } else if (decision instanceof UnsubscribeDecision.LeaveShared shared) {
                codes.add(UnsubscribeRules.code(session.unsubscribeShared(shared.subscription())));
            } else if (decision instanceof UnsubscribeDecision.StopReplay replay) {
                codes.add(UnsubscribeRules.code(session.unsubscribeReplay(replay.text())));
            } else {
                codes.add(MqttReasonCodes.UnsubAck.TOPIC_FILTER_INVALID);
            }
        }
        ctx.writeAndFlush(connection
                .replies()
                .unsubAck(unsubscribe.idAndPropertiesVariableHeader().messageId(), codes));
    }

    /**
     * A granted filter past a limit is refused after all: 0x8F Topic filter invalid for its size,
     * 0x97 Quota exceeded for one subscription too many (3.1.1 clients see 0x80 for both).
     */
    private SubscribeDecision withinLimits(SubscribeDecision decision, String text, Session session) {
        boolean adds;
        if (decision instanceof SubscribeDecision.Subscribe plain) {
            adds = !session.hasSubscription(plain.filter());
        } else if (decision instanceof SubscribeDecision.Shared shared) {
            adds = !session.hasSharedSubscription(shared.subscription());
        } else if (decision instanceof SubscribeDecision.Replay) {
            adds = false; // replays have a bound of their own
        } else {
            return decision;
        }
        Optional<Limit> refused = subscriptionLimits.refuses(text, adds, session.subscriptionCount());
        if (refused.isEmpty()) {
            return decision;
        }
        limits.count(refused.get());
        return refused.get() == Limit.MAX_SUBSCRIPTIONS
                ? new SubscribeDecision.Refused(
                        MqttReasonCodes.SubAck.QUOTA_EXCEEDED,
                        "more than " + subscriptionLimits.maxSubscriptions() + " subscriptions")
                : new SubscribeDecision.Refused(
                        MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID,
                        subscriptionLimits.topics().reason(refused.get()));
    }

    private static SubscriptionRequest request(MqttTopicSubscription subscription) {
        MqttSubscriptionOption option = subscription.option();
        return new SubscriptionRequest(
                subscription.topicFilter(),
                option.qos().value(),
                option.isNoLocal(),
                option.isRetainAsPublished(),
                option.retainHandling().value());
    }
}
