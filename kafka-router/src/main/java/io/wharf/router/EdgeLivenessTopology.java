package io.wharf.router;

import io.wharf.schemas.JsonSerde;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeDown;
import io.wharf.schemas.cluster.EdgeHeartbeat;
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

/**
 * Watches the edges' heartbeats on {@code mqtt.cluster} and announces, on the same topic, an
 * {@link EdgeDown} for every edge silent longer than allowed. Built without I/O, so it is tested
 * with {@code TopologyTestDriver}.
 */
public final class EdgeLivenessTopology {

  static final String STORE = "edge-heartbeats";
  private static final String SOURCE = "cluster-events";
  private static final String PROCESSOR = "edge-liveness";
  private static final String SINK = "edge-down-events";
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private EdgeLivenessTopology() {}

  public static Topology build(WharfTopics topics, Duration silenceAllowed) {
    WharfTopic<String, ClusterEvent> cluster = topics.cluster();
    Topology topology = new Topology();
    topology.addSource(SOURCE, cluster.keySerde().deserializer(), cluster.valueSerde().deserializer(), cluster.name());
    topology.addProcessor(PROCESSOR, () -> new LivenessProcessor(silenceAllowed), SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(EdgeHeartbeat.class)),
        PROCESSOR);
    topology.addSink(SINK, cluster.name(), cluster.keySerde().serializer(), cluster.valueSerde().serializer(), PROCESSOR);
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
        lastHeartbeats.put(heartbeat.edgeId(), heartbeat);
      }
    }

    private void reportSilentEdges(long nowMs) {
      Instant now = Instant.ofEpochMilli(nowMs);
      List<KeyValue<String, EdgeHeartbeat>> silent = new ArrayList<>();
      try (KeyValueIterator<String, EdgeHeartbeat> all = lastHeartbeats.all()) {
        all.forEachRemaining(
            entry -> {
              if (entry.value.sentAt().plus(silenceAllowed).isBefore(now)) {
                silent.add(entry);
              }
            });
      }
      for (KeyValue<String, EdgeHeartbeat> edge : silent) {
        lastHeartbeats.delete(edge.key);
        context.forward(new Record<>(edge.key, EdgeDown.of(edge.key, edge.value.sentAt(), now, edge.value.startedAt()), nowMs));
      }
    }
  }
}
