package io.wharf.loadtest.scaleout;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One edge of a scale-out run: what it held and what holding it cost, measured on its process.
 *
 * @param planned connections the plan sent to it
 * @param held connections it reported holding ({@code wharf_connections}) once all subscribed
 * @param idleRssBytes resident memory before any client connected
 * @param loadedRssBytes resident memory with every connection subscribed
 * @param idleHeapBytes heap in use after a full GC, before any client connected
 * @param loadedHeapBytes the same with every connection subscribed
 * @param connectCpuSeconds CPU (user + system) while the connections came and subscribed
 * @param deliveryCpuSeconds CPU while the messages were delivered
 */
public record EdgeFigures(
        String nodeId,
        int planned,
        long held,
        long idleRssBytes,
        long loadedRssBytes,
        long idleHeapBytes,
        long loadedHeapBytes,
        double connectCpuSeconds,
        double deliveryCpuSeconds) {

    /** Resident memory per connection held, above the idle edge. */
    @JsonProperty
    public double rssBytesPerConnection() {
        return perConnection(loadedRssBytes, idleRssBytes, held);
    }

    /** Heap in use per connection held, above the idle edge. */
    @JsonProperty
    public double heapBytesPerConnection() {
        return perConnection(loadedHeapBytes, idleHeapBytes, held);
    }

    static double perConnection(long loaded, long idle, long connections) {
        return connections > 0 ? (double) (loaded - idle) / connections : Double.NaN;
    }
}
