package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.TopicFilter;

/** What to do with one topic filter of a SUBSCRIBE. */
sealed interface SubscribeDecision permits SubscribeDecision.Granted, SubscribeDecision.Refused, Disconnect {

    /** A subscription granted with {@code options}; SUBACK carries the QoS granted. */
    sealed interface Granted extends SubscribeDecision permits Subscribe, Shared, Replay {
        SubscriptionOptions options();
    }

    /**
     * Subscribe the session to {@code filter}.
     *
     * @param sendRetained whether the retained messages it matches follow SUBACK
     */
    record Subscribe(TopicFilter filter, SubscriptionOptions options, boolean sendRetained) implements Granted {}

    /** Join the shared subscription's group; no retained messages. */
    record Shared(SharedSubscription subscription, SubscriptionOptions options) implements Granted {}

    /** Start a replay from the log; its history follows SUBACK. */
    record Replay(ReplayRequest request, SubscriptionOptions options) implements Granted {}

    /** Refuse this filter; SUBACK carries {@code reason} for it. */
    record Refused(MqttReasonCodes.SubAck reason, String why) implements SubscribeDecision {}
}
