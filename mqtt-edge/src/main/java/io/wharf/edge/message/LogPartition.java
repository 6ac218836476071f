package io.wharf.edge.message;

/** One partition of a log topic. */
public record LogPartition(String logTopic, int partition) {

    @Override
    public String toString() {
        return logTopic + "-" + partition;
    }
}
