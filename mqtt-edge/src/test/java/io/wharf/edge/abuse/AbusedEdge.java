package io.wharf.edge.abuse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.wharf.edge.RunningEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.TestKafka;
import org.slf4j.LoggerFactory;

/**
 * The edge an abuse test attacks, over the real Kafka. While it runs, the connection log is held to
 * warnings: thousands of abusive connections would otherwise print a line each and slow the suite.
 */
final class AbusedEdge implements AutoCloseable {

    private static final Logger CONNECTION_LOG = (Logger) LoggerFactory.getLogger("wharf.connections");

    private final RunningEdge edge;
    private final Level connectionLogLevel;

    private AbusedEdge(RunningEdge edge, Level connectionLogLevel) {
        this.edge = edge;
        this.connectionLogLevel = connectionLogLevel;
    }

    static AbusedEdge start(TestKafka kafka, ProtocolSettings protocol) {
        Level level = CONNECTION_LOG.getLevel();
        CONNECTION_LOG.setLevel(Level.WARN);
        return new AbusedEdge(RunningEdge.start(kafka, TopicLayout.defaults(), protocol), level);
    }

    static AbusedEdge start(TestKafka kafka) {
        return start(kafka, ProtocolSettings.defaults());
    }

    RunningEdge running() {
        return edge;
    }

    int port() {
        return edge.mqttPort();
    }

    /** The edge's {@code wharf_limit_hits_total} for one limit, 0 before it first bit. */
    long limitHits(String limit) throws Exception {
        return (long) edge.counter("wharf_limit_hits_total", "limit", limit);
    }

    @Override
    public void close() {
        try {
            edge.close();
        } finally {
            CONNECTION_LOG.setLevel(connectionLogLevel);
        }
    }
}
