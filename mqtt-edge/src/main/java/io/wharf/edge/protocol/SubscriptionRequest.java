package io.wharf.edge.protocol;

/**
 * One topic filter of a SUBSCRIBE, with its options as the client sent them (MQTT 3.1.1 has only
 * the QoS; the rest are then false and 0).
 */
record SubscriptionRequest(
        String topicFilter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {}
