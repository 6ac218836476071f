package io.wharf.loadtest.edges;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A whole {@code edges} run, as its JSON report holds it.
 *
 * @param edgeFlags the flags every edge got besides its ports and node id
 * @param messageTopicPartitions partitions of the message topic (the most a live feed can follow)
 * @param failures what went wrong: a process that failed, a step that could not run
 */
public record EdgesResult(
        String startedAt,
        String machine,
        String commandLine,
        List<String> edgeFlags,
        int messageTopicPartitions,
        List<StepFigures> steps,
        List<String> failures) {

    static final String KAFKA_PROCESS =
            "the Kafka process is a wharf with its embedded broker, so it also runs the router and an edge no client uses";

    @JsonProperty
    public String kafkaProcess() {
        return KAFKA_PROCESS;
    }

    @JsonProperty
    public long missing() {
        return steps.stream().mapToLong(StepFigures::missing).sum();
    }

    /** Nothing failed and every message arrived. */
    @JsonProperty
    public boolean complete() {
        return failures.isEmpty() && steps.stream().allMatch(step -> step.missing() == 0);
    }
}
