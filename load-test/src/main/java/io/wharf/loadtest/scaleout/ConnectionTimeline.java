package io.wharf.loadtest.scaleout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, twice a second, the connections each edge holds, for the chart and the progress line.
 */
final class ConnectionTimeline implements AutoCloseable {

    // An edge's /metrics page is not free to render (its Kafka clients' meters): a look every two
    // seconds keeps the timeline's cost out of the figures it shows.
    private static final long EVERY_MS = 2_000;

    private final List<ScaleOutCluster.Edge> edges;
    private final EdgeMetricsReader metrics = new EdgeMetricsReader();
    private final Map<String, List<double[]>> points = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scale-out-timeline");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastLine = "no sample of the edges yet";

    ConnectionTimeline(List<ScaleOutCluster.Edge> edges) {
        this.edges = edges;
        for (ScaleOutCluster.Edge edge : edges) {
            points.put(edge.nodeId(), new ArrayList<>());
        }
        sampler.scheduleAtFixedRate(this::sample, 0, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (ScaleOutCluster.Edge edge : edges) {
            long held = metrics.connections(edge.httpPort());
            if (held >= 0) {
                synchronized (points) {
                    points.get(edge.nodeId()).add(new double[] {seconds, held});
                }
                total += held;
            }
            line.append(' ').append(edge.nodeId()).append(' ').append(held);
        }
        lastLine = String.format(
                "%.1f s: %,d connections held (%s)",
                seconds, total, line.toString().trim());
    }

    /** The last sample, as a progress line. */
    String lastLine() {
        return lastLine;
    }

    /** Every sample so far, per edge: {seconds since the start, connections}. */
    Map<String, List<double[]>> points() {
        synchronized (points) {
            Map<String, List<double[]>> copy = new LinkedHashMap<>();
            points.forEach((edge, samples) -> copy.put(edge, List.copyOf(samples)));
            return copy;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
