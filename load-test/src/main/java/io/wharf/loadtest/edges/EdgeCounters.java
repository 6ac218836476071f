package io.wharf.loadtest.edges;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an edge's {@code /metrics} says at one moment about the messages it carried and the
 * partitions its live feed reads.
 *
 * @param received messages clients published to it, over every QoS
 * @param delivered PUBLISH packets it sent to clients, over every QoS
 * @param followedPartitions the partitions of the message topic its live-feed consumer follows
 *     (the distinct {@code partition} labels of that consumer's records-lag gauge)
 * @param recordsConsumed records its live-feed consumer fetched so far, or -1 where the edge does
 *     not publish {@code kafka_consumer_fetch_manager_records_consumed_total}
 */
record EdgeCounters(long received, long delivered, Set<Integer> followedPartitions, long recordsConsumed) {

    static final String RECEIVED = "wharf_messages_received_total";
    static final String DELIVERED = "wharf_messages_delivered_total";
    static final String RECORDS_LAG = "kafka_consumer_fetch_manager_records_lag";
    static final String RECORDS_CONSUMED = "kafka_consumer_fetch_manager_records_consumed_total";

    /** The client id of an edge's live-feed consumer (see MqttEdge). */
    static String feedClientId(String nodeId) {
        return nodeId + "-feed";
    }

    static EdgeCounters parse(String prometheusText, String nodeId, String messageTopic) {
        PrometheusSamples samples = new PrometheusSamples(prometheusText);
        String feed = feedClientId(nodeId);
        Set<Integer> partitions = new TreeSet<>();
        for (String partition :
                samples.labelValues(RECORDS_LAG, "partition", Map.of("client_id", feed, "topic", messageTopic))) {
            partitions.add(Integer.parseInt(partition));
        }
        // Kafka's client reports the consumed records per topic too: the total is the sample without a topic.
        double consumed = samples.sumWithout(RECORDS_CONSUMED, Map.of("client_id", feed), "topic");
        return new EdgeCounters(
                Math.max(0, (long) samples.sum(RECEIVED, Map.of())),
                Math.max(0, (long) samples.sum(DELIVERED, Map.of())),
                partitions,
                consumed < 0 ? -1 : (long) consumed);
    }
}
