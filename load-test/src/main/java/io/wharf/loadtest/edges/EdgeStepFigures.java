package io.wharf.loadtest.edges;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One edge during the measured window of one step.
 *
 * @param cpuSeconds CPU (user + system) of its process
 * @param messagesIn messages clients published to it ({@code wharf_messages_received_total})
 * @param messagesOut PUBLISH packets it sent ({@code wharf_messages_delivered_total})
 * @param followedPartitions the message topic's partitions its live feed followed at the end
 * @param recordsFetched records its live feed read: {@code records_consumed_total} where the edge
 *     publishes it, else the records appended to the partitions it followed (it reads those whole)
 * @param recordsFetchedFrom which of the two {@code recordsFetched} is
 */
public record EdgeStepFigures(
        String nodeId,
        double cpuSeconds,
        long messagesIn,
        long messagesOut,
        List<Integer> followedPartitions,
        long recordsFetched,
        String recordsFetchedFrom) {

    static final String FROM_CONSUMER_METRIC = "records_consumed_total";
    static final String FROM_END_OFFSETS = "end offsets of the followed partitions";

    /** CPU per message that went in or out of it, in µs. */
    @JsonProperty
    public double cpuMicrosPerMessage() {
        long messages = messagesIn + messagesOut;
        return messages > 0 ? cpuSeconds * 1e6 / messages : Double.NaN;
    }

    /** Records its feed read per message it delivered: above 1, it read more than its clients took. */
    @JsonProperty
    public double fetchedPerDelivered() {
        return messagesOut > 0 ? (double) recordsFetched / messagesOut : Double.NaN;
    }
}
