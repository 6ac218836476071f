package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.util.Optional;

/** Decides on an UNSUBSCRIBE and each of its topic filters, as values. */
final class UnsubscribeRules {

    private UnsubscribeRules() {}

    /** An UNSUBSCRIBE that breaks the protocol as a whole, or empty. */
    static Optional<Disconnect> checkPacket(int filters) {
        return filters == 0
                ? Optional.of(
                        new Disconnect(MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "UNSUBSCRIBE without a topic filter"))
                : Optional.empty();
    }

    static UnsubscribeDecision decide(String text) {
        try {
            if (ReplayRequest.isReplay(text)) {
                return new UnsubscribeDecision.StopReplay(text);
            }
            if (SharedSubscription.isShared(text)) {
                return new UnsubscribeDecision.LeaveShared(SharedSubscription.parse(text));
            }
            return new UnsubscribeDecision.Unsubscribe(TopicFilter.parse(text));
        } catch (InvalidTopicException e) {
            return UnsubscribeDecision.Invalid.INSTANCE;
        }
    }

    /** The UNSUBACK code of a valid filter, once the session said whether it had the subscription. */
    static MqttReasonCodes.UnsubAck code(boolean existed) {
        return existed ? MqttReasonCodes.UnsubAck.SUCCESS : MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED;
    }
}
