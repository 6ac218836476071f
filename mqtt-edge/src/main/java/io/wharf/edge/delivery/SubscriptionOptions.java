package io.wharf.edge.delivery;

/**
 * What a client asked for with one subscription.
 *
 * @param qos the granted maximum QoS
 * @param noLocal MQTT 5: do not send the client its own messages through this subscription
 * @param retainAsPublished MQTT 5: keep the retain flag of forwarded messages
 * @param retainHandling MQTT 5: 0 send retained messages at subscribe, 1 only for a new
 *     subscription, 2 never
 * @param subscriptionId MQTT 5 subscription identifier, or 0 for none
 */
public record SubscriptionOptions(
        int qos, boolean noLocal, boolean retainAsPublished, int retainHandling, int subscriptionId) {

    public static SubscriptionOptions ofQos(int qos) {
        return new SubscriptionOptions(qos, false, false, 0, 0);
    }
}
