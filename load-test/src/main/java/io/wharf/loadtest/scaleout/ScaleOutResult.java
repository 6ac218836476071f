package io.wharf.loadtest.scaleout;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a scale-out run measured, as its JSON report holds it.
 *
 * @param subscribed connections that connected and got their SUBACK, over all generators
 * @param connectRetries connection attempts refused (or failed) and tried again after a back-off
 * @param connectSeconds from the first generator starting to connect to the last SUBACK
 * @param firstWrittenMs wall-clock time the first record was sent to Kafka
 * @param lastWrittenMs wall-clock time Kafka acknowledged the last record
 * @param lastReceivedMs wall-clock time the last message arrived at a connection
 * @param received connections that got their message (each counted once)
 * @param duplicates messages a connection got again
 * @param kafkaDeliveryCpuSeconds CPU of the Kafka process (with the router beside it) during the delivery
 * @param timeline per edge, {seconds since connecting started, connections held}
 */
public record ScaleOutResult(
        String startedAt,
        String machine,
        int connections,
        int edgeCount,
        int generators,
        long subscribed,
        long connectFailures,
        long connectRetries,
        double connectSeconds,
        long firstWrittenMs,
        long lastWrittenMs,
        long lastReceivedMs,
        long expected,
        long received,
        long duplicates,
        double kafkaDeliveryCpuSeconds,
        List<EdgeFigures> edges,
        Map<String, List<double[]>> timeline) {

    @JsonProperty
    public double connectsPerSecond() {
        return connectSeconds > 0 ? subscribed / connectSeconds : Double.NaN;
    }

    /** From the first record written to the last message received. */
    @JsonProperty
    public double deliverySecondsFromFirstWrite() {
        return secondsBetween(firstWrittenMs, lastReceivedMs);
    }

    /** From the last record written to the last message received. */
    @JsonProperty
    public double deliverySecondsFromLastWrite() {
        return secondsBetween(lastWrittenMs, lastReceivedMs);
    }

    @JsonProperty
    public long missing() {
        return expected - received;
    }

    /** Every connection got its message. */
    @JsonProperty
    public boolean complete() {
        return received == expected && connectFailures == 0;
    }

    @JsonProperty
    public long heldInAll() {
        return edges.stream().mapToLong(EdgeFigures::held).sum();
    }

    static double secondsBetween(long fromMs, long toMs) {
        return fromMs > 0 && toMs >= fromMs ? (toMs - fromMs) / 1000.0 : Double.NaN;
    }
}
