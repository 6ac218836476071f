package io.wharf.router;

import io.wharf.schemas.JsonSerde;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeDown;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.schemas.cluster.EdgeLivenessRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the edges' heartbeats on {@code mqtt.cluster} and announces, on the same topic, an
 * {@link EdgeDown} for every edge process that died: silent longer than allowed, or replaced by a
 * later process of the same node id (a restart quicker than the silence allowed). Built without
 * I/O, so it is tested with {@code TopologyTestDriver}.
 */
public final class EdgeLivenessTopology {

    private static final Logger log = LoggerFactory.getLogger(EdgeLivenessTopology.class);
    static final String STORE = "edge-heartbeats";
    private static final String SOURCE = "cluster-events";
    private static final String PROCESSOR = "edge-liveness";
    private static final String SINK = "edge-down-events";
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private EdgeLivenessTopology() {}

    public static Topology build(WharfTopics topics, Duration silenceAllowed) {
        WharfTopic<String, ClusterEvent> cluster = topics.cluster();
        Topology topology = new Topology();
        topology.addSource(
                SOURCE, cluster.keySerde().deserializer(), cluster.valueSerde().deserializer(), cluster.name());
        topology.addProcessor(PROCESSOR, () -> new LivenessProcessor(silenceAllowed), SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(EdgeHeartbeat.class)),
                PROCESSOR);
        topology.addSink(
                SINK,
                cluster.name(),
                cluster.keySerde().serializer(),
                cluster.valueSerde().serializer(),
                PROCESSOR);
        return topology;
    }

    private static final class LivenessProcessor implements Processor<String, ClusterEvent, String, ClusterEvent> {

        private final Duration silenceAllowed;
        private ProcessorContext<String, ClusterEvent> context;
        private KeyValueStore<String, EdgeHeartbeat> lastHeartbeats;

        LivenessProcessor(Duration silenceAllowed) {
            this.silenceAllowed = silenceAllowed;
        }

        @Override
        public void init(ProcessorContext<String, ClusterEvent> context) {
            this.context = context;
            this.lastHeartbeats = context.getStateStore(STORE);
            context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::reportSilentEdges);
        }

        @Override
        public void process(Record<String, ClusterEvent> record) {
            if (record.value() instanceof EdgeHeartbeat heartbeat) {
                EdgeHeartbeat known = lastHeartbeats.get(heartbeat.edgeId());
                if (EdgeLivenessRules.isRestart(known, heartbeat)) {
                    log.info(
                            "Edge {} restarted (process of {} replaced by one of {})",
                            heartbeat.edgeId(),
                            known.startedAt(),
                            heartbeat.startedAt());
                    context.forward(new Record<>(
                            heartbeat.edgeId(),
                            down(known, Instant.ofEpochMilli(record.timestamp())),
                            record.timestamp()));
                }
                EdgeHeartbeat newest = EdgeLivenessRules.newest(known, heartbeat);
                if (newest != known) {
                    lastHeartbeats.put(heartbeat.edgeId(), newest);
                }
            }
        }

        private static EdgeDown down(EdgeHeartbeat last, Instant detectedAt) {
            return EdgeDown.of(last.edgeId(), last.sentAt(), detectedAt, last.startedAt());
        }

        private void reportSilentEdges(long nowMs) {
            Instant now = Instant.ofEpochMilli(nowMs);
            List<KeyValue<String, EdgeHeartbeat>> silent = new ArrayList<>();
            try (KeyValueIterator<String, EdgeHeartbeat> all = lastHeartbeats.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.sentAt().plus(silenceAllowed).isBefore(now)) {
                        silent.add(entry);
                    }
                });
            }
            for (KeyValue<String, EdgeHeartbeat> edge : silent) {
                lastHeartbeats.delete(edge.key);
                context.forward(new Record<>(edge.key, down(edge.value, now), nowMs));
            }
        }
    }
}
