package io.wharf.loadtest.edges;

import io.wharf.loadtest.bench.ProcessCpu;
import io.wharf.loadtest.scaleout.MetricsPage;
import io.wharf.loadtest.scaleout.ScaleOutCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The readings a measured window starts and ends with: each edge's CPU and counters, the Kafka
 * process's CPU and the message topic's end offsets. Two of them give the edges' figures.
 */
record WindowSnapshot(
        long nanos, double[] edgeCpu, List<EdgeCounters> counters, double kafkaCpu, Map<Integer, Long> endOffsets) {

    static WindowSnapshot take(
            ScaleOutCluster cluster, MetricsPage metrics, MessageTopicOffsets offsets, String messageTopic) {
        List<ScaleOutCluster.Edge> edges = cluster.edges();
        double[] cpu = new double[edges.size()];
        List<EdgeCounters> counters = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            ScaleOutCluster.Edge edge = edges.get(e);
            cpu[e] = ProcessCpu.seconds(edge.process().handle());
            counters.add(EdgeCounters.parse(metrics.fetch(edge.httpPort()), edge.nodeId(), messageTopic));
        }
        return new WindowSnapshot(
                System.nanoTime(),
                cpu,
                counters,
                ProcessCpu.seconds(cluster.kafka().handle()),
                offsets.endOffsets());
    }

    /** Each edge from this snapshot to {@code end}; the partitions followed are those at the end. */
    List<EdgeStepFigures> edgesUntil(WindowSnapshot end, List<String> nodeIds) {
        List<EdgeStepFigures> figures = new ArrayList<>();
        for (int e = 0; e < nodeIds.size(); e++) {
            EdgeCounters before = counters.get(e);
            EdgeCounters after = end.counters.get(e);
            boolean consumerMetric = before.recordsConsumed() >= 0 && after.recordsConsumed() >= 0;
            long fetched = consumerMetric
                    ? after.recordsConsumed() - before.recordsConsumed()
                    : MessageTopicOffsets.appended(endOffsets, end.endOffsets, after.followedPartitions());
            figures.add(new EdgeStepFigures(
                    nodeIds.get(e),
                    end.edgeCpu[e] - edgeCpu[e],
                    after.received() - before.received(),
                    after.delivered() - before.delivered(),
                    after.followedPartitions().stream().sorted().toList(),
                    fetched,
                    consumerMetric ? EdgeStepFigures.FROM_CONSUMER_METRIC : EdgeStepFigures.FROM_END_OFFSETS));
        }
        return figures;
    }
}
