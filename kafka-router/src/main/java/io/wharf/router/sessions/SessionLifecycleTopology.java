package io.wharf.router.sessions;

import io.wharf.schemas.JsonSerde;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.schemas.cluster.EdgeLivenessRules;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.session.SessionRecord;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The cluster's time- and failure-driven session work: sessions expire, delayed wills are published
 * when due, and the sessions of an edge that died (its heartbeats stopped, or its node id restarted)
 * count as disconnected, their wills published, whichever edge they lived on. Wills go where the
 * topic mapping sends their topic, as every PUBLISH does. Built without I/O, so it is tested with
 * {@code TopologyTestDriver}.
 */
public final class SessionLifecycleTopology {

    static final String SESSIONS_STORE = "router-sessions";
    static final String LIVENESS_STORE = "edge-liveness";
    private static final String MESSAGES_SINK_PREFIX = "will-messages-";
    static final String RETAINED_SINK = "will-retained";
    static final String SESSIONS_SINK = "session-updates";
    private static final String SESSIONS_SOURCE = "sessions";
    private static final String CLUSTER_SOURCE = "cluster-events";
    private static final String PROCESSOR = "session-lifecycle";

    private SessionLifecycleTopology() {}

    /**
     * @param mapping which Kafka topic, and key, a will's topic goes to: as for every PUBLISH
     * @param silenceAllowed how long an edge may send no heartbeat before its sessions count as
     *     disconnected
     * @param checkInterval how often sessions are checked for expiry and due wills
     */
    public static Topology build(
            WharfTopics topics, TopicMapping mapping, Duration silenceAllowed, Duration checkInterval) {
        WharfTopic<String, SessionRecord> sessions = topics.sessions();
        WharfTopic<String, ClusterEvent> cluster = topics.cluster();
        Topology topology = new Topology();
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(LIVENESS_STORE),
                                Serdes.String(),
                                new JsonSerde<>(EdgeHeartbeat.class))
                        .withLoggingDisabled(),
                CLUSTER_SOURCE,
                cluster.keySerde().deserializer(),
                cluster.valueSerde().deserializer(),
                cluster.name(),
                "liveness-updater",
                LivenessUpdater::new);
        topology.addSource(
                SESSIONS_SOURCE,
                sessions.keySerde().deserializer(),
                sessions.valueSerde().deserializer(),
                sessions.name());
        topology.addProcessor(
                PROCESSOR,
                () -> new SessionLifecycleProcessor(topics, mapping, silenceAllowed, checkInterval),
                SESSIONS_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SESSIONS_STORE),
                        Serdes.String(),
                        new JsonSerde<>(RouterSession.class)),
                PROCESSOR);
        ByteArraySerializer bytes = new ByteArraySerializer();
        for (String kafkaTopic : mapping.kafkaTopics()) {
            topology.addSink(messagesSink(kafkaTopic), kafkaTopic, bytes, bytes, PROCESSOR);
        }
        topology.addSink(RETAINED_SINK, topics.retained().name(), bytes, bytes, PROCESSOR);
        topology.addSink(SESSIONS_SINK, sessions.name(), bytes, bytes, PROCESSOR);
        return topology;
    }

    /** The sink of wills whose topic the mapping sends to {@code kafkaTopic}. */
    static String messagesSink(String kafkaTopic) {
        return MESSAGES_SINK_PREFIX + kafkaTopic;
    }

    /** Keeps the newest heartbeat of every edge (of its latest process) in the global liveness store. */
    private static final class LivenessUpdater implements Processor<String, ClusterEvent, Void, Void> {

        private KeyValueStore<String, EdgeHeartbeat> heartbeats;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            heartbeats = context.getStateStore(LIVENESS_STORE);
        }

        @Override
        public void process(Record<String, ClusterEvent> record) {
            if (record.value() instanceof EdgeHeartbeat heartbeat) {
                EdgeHeartbeat known = heartbeats.get(heartbeat.edgeId());
                EdgeHeartbeat newest = EdgeLivenessRules.newest(known, heartbeat);
                if (newest != known) {
                    heartbeats.put(heartbeat.edgeId(), newest);
                }
            }
        }
    }
}
