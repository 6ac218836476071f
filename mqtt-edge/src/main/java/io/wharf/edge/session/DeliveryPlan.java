package io.wharf.edge.session;

import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * How one message goes to one client that has one or more matching subscriptions: a single
 * delivery at the highest granted QoS (never above the message's own), with every matching
 * subscription identifier, skipping subscriptions that asked not to get the client's own messages.
 *
 * @param retain the retain flag to send
 */
public record DeliveryPlan(int qos, boolean retain, List<Integer> subscriptionIds) {

    /**
     * @param retainedOnSubscribe the message is a retained one sent because of a new subscription,
     *     which always carries the retain flag
     * @return null when no subscription wants the message
     */
    public static DeliveryPlan of(
            ApplicationMessage message,
            List<SubscriptionOptions> matched,
            String clientId,
            boolean mqtt5,
            boolean retainedOnSubscribe) {
        int grantedQos = -1;
        boolean retainAsPublished = false;
        List<Integer> subscriptionIds = new ArrayList<>(0);
        for (SubscriptionOptions options : matched) {
            if (options.noLocal() && clientId.equals(message.publisherId())) {
                continue;
            }
            grantedQos = Math.max(grantedQos, options.qos());
            retainAsPublished |= options.retainAsPublished();
            if (options.subscriptionId() > 0 && !subscriptionIds.contains(options.subscriptionId())) {
                subscriptionIds.add(options.subscriptionId());
            }
        }
        if (grantedQos < 0) {
            return null;
        }
        boolean retain = retainedOnSubscribe || (mqtt5 && retainAsPublished && message.retain());
        return new DeliveryPlan(Math.min(message.qos(), grantedQos), retain, subscriptionIds);
    }
}
