package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides on a SUBSCRIBE, as values: first on the packet as a whole, then on each of its topic
 * filters in turn (the handler carries each out before the next is decided, so a filter sees the
 * subscriptions the ones before it made). Reason codes are MQTT 5's; {@link ProtocolReplies} puts
 * them in the client's version.
 */
final class SubscribeRules {

    private static final int SEND_RETAINED_IF_NEW = 1;
    private static final int NEVER_SEND_RETAINED = 2;

    /**
     * What the connection and its session bring to the decision.
     *
     * @param allowed whether the client may subscribe to a filter
     * @param subscribed whether the session holds a subscription to exactly this filter already
     * @param replayFits whether the session has room for one more replay
     */
    record Terms(
            boolean mqtt5,
            Predicate<TopicFilter> allowed,
            Predicate<TopicFilter> subscribed,
            Predicate<ReplayRequest> replayFits) {}

    private SubscribeRules() {}

    /** A SUBSCRIBE that breaks the protocol as a whole, or empty. */
    static Optional<Disconnect> checkPacket(Integer subscriptionId, int filters) {
        if (subscriptionId != null && subscriptionId == 0) {
            // section 3.8.2.1.2: a Subscription Identifier of 0 is a Protocol Error
            return Optional.of(new Disconnect(MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "subscription identifier 0"));
        }
        if (filters == 0) {
            return Optional.of(
                    new Disconnect(MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "SUBSCRIBE without a topic filter"));
        }
        return Optional.empty();
    }

    /** One topic filter of the SUBSCRIBE. */
    static SubscribeDecision decide(SubscriptionRequest request, Integer subscriptionId, Terms terms) {
        SubscriptionOptions options = new SubscriptionOptions(
                Math.min(request.qos(), 2),
                request.noLocal(),
                request.retainAsPublished(),
                request.retainHandling(),
                subscriptionId == null ? 0 : subscriptionId);
        String text = request.topicFilter();
        if (SharedSubscription.isShared(text)) {
            return shared(text, options, terms);
        }
        if (ReplayRequest.isReplay(text)) {
            return replay(text, options, terms);
        }
        TopicFilter filter;
        try {
            filter = TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            return new SubscribeDecision.Refused(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID, e.getMessage());
        }
        if (!terms.allowed().test(filter)) {
            return notAuthorized(filter);
        }
        return new SubscribeDecision.Subscribe(
                filter, options, sendsRetained(options, !terms.subscribed().test(filter), terms));
    }

    /** The SUBACK code of a filter decided on: the QoS granted, or why it was refused. */
    static MqttReasonCodes.SubAck code(SubscribeDecision decision) {
        if (decision instanceof SubscribeDecision.Granted granted) {
            return granted(granted.options().qos());
        }
        if (decision instanceof SubscribeDecision.Refused refused) {
            return refused.reason();
        }
        throw new IllegalArgumentException("a disconnect has no SUBACK code");
    }

    /** The codes of a SUBACK whose subscriptions could not be set up: every granted one failed. */
    static List<MqttReasonCodes.SubAck> setUpFailed(List<MqttReasonCodes.SubAck> codes) {
        return codes.stream()
                .map(code -> (code.byteValue() & 0xff) < 0x80 ? MqttReasonCodes.SubAck.UNSPECIFIED_ERROR : code)
                .toList();
    }

    private static SubscribeDecision shared(String text, SubscriptionOptions options, Terms terms) {
        SharedSubscription shared;
        try {
            shared = SharedSubscription.parse(text);
        } catch (InvalidTopicException e) {
            return new SubscribeDecision.Refused(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID, e.getMessage());
        }
        if (options.noLocal()) {
            return new Disconnect(MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "No Local on a shared subscription");
        }
        if (!terms.allowed().test(shared.filter())) {
            return notAuthorized(shared.filter());
        }
        return new SubscribeDecision.Shared(shared, options);
    }

    private static SubscribeDecision replay(String text, SubscriptionOptions options, Terms terms) {
        ReplayRequest replay;
        try {
            replay = ReplayRequest.parse(text);
        } catch (InvalidTopicException e) {
            return new SubscribeDecision.Refused(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID, e.getMessage());
        }
        if (!terms.allowed().test(replay.filter())) {
            return notAuthorized(replay.filter());
        }
        if (!terms.replayFits().test(replay)) {
            return new SubscribeDecision.Refused(MqttReasonCodes.SubAck.QUOTA_EXCEEDED, "too many replays");
        }
        return new SubscribeDecision.Replay(replay, options);
    }

    /** Retain Handling (section 3.8.3.1): 0 always, 1 only for a new subscription, 2 never; 3.1.1 always. */
    private static boolean sendsRetained(SubscriptionOptions options, boolean isNew, Terms terms) {
        int handling = options.retainHandling();
        return !terms.mqtt5() || handling != NEVER_SEND_RETAINED && (handling != SEND_RETAINED_IF_NEW || isNew);
    }

    private static SubscribeDecision.Refused notAuthorized(TopicFilter filter) {
        return new SubscribeDecision.Refused(MqttReasonCodes.SubAck.NOT_AUTHORIZED, "not allowed into " + filter);
    }

    private static MqttReasonCodes.SubAck granted(int qos) {
        return qos == 0
                ? MqttReasonCodes.SubAck.GRANTED_QOS_0
                : qos == 1 ? MqttReasonCodes.SubAck.GRANTED_QOS_1 : MqttReasonCodes.SubAck.GRANTED_QOS_2;
    }
}
