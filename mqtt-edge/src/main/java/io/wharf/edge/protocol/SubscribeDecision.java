package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.TopicFilter;

/** What to do with one topic filter of a SUBSCRIBE. */
sealed interface SubscribeDecision
        permits SubscribeDecision.Subscribe,
                SubscribeDecision.Shared,
                SubscribeDecision.Replay,
                SubscribeDecision.Refused,
                Disconnect {

    /**
     * Subscribe the session to {@code filter}.
     *
     * @param sendRetained whether the retained messages it matches follow SUBACK
     */
    record Subscribe(TopicFilter filter, SubscriptionOptions options, boolean sendRetained)
            implements SubscribeDecision {}

    /** Join the shared subscription's group; no retained messages. */
    record Shared(SharedSubscription subscription, SubscriptionOptions options) implements SubscribeDecision {}

    /** Start a replay from the log; its history follows SUBACK. */
    record Replay(ReplayRequest request, SubscriptionOptions options) implements SubscribeDecision {}

    /** Refuse this filter; SUBACK carries {@code reason} for it. */
    record Refused(MqttReasonCodes.SubAck reason, String why) implements SubscribeDecision {}
}
