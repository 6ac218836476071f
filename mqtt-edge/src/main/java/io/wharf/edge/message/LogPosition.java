package io.wharf.edge.message;

/** Where a message sits in the log: a Kafka topic, partition and offset. */
public record LogPosition(String logTopic, int partition, long offset) {

    public LogPartition logPartition() {
        return new LogPartition(logTopic, partition);
    }
}
