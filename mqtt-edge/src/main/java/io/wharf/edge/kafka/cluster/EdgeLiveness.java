package io.wharf.edge.kafka.cluster;

import io.wharf.edge.kafka.TopicFollower;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which edges are alive, from their heartbeats on {@code mqtt.cluster}: an edge is alive while its
 * last heartbeat is younger than the allowed silence. An edge taking a session over waits for the
 * previous owner's hand-over only while that owner is alive.
 */
public final class EdgeLiveness implements TopicFollower.Handler, AutoCloseable {

  private final TopicFollower follower;
  private final WharfTopic<String, ClusterEvent> topic;
  private final String selfId;
  private final Duration silenceAllowed;
  private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();

  public EdgeLiveness(Consumer<byte[], byte[]> consumer, WharfTopic<String, ClusterEvent> topic, String selfId, Duration silenceAllowed) {
    this.topic = topic;
    this.selfId = selfId;
    this.silenceAllowed = silenceAllowed;
    this.follower = new TopicFollower("wharf-edge-liveness", consumer, topic.name(), this);
  }

  /** Starts following heartbeats from a little before now. */
  public void start() {
    follower.startFrom(Instant.now().minus(silenceAllowed.multipliedBy(2)));
  }

  public boolean isAlive(String edgeId) {
    if (selfId.equals(edgeId)) {
      return true;
    }
    Instant last = lastHeartbeat.get(edgeId);
    return last != null && last.plus(silenceAllowed).isAfter(Instant.now());
  }

  @Override
  public void apply(ConsumerRecord<byte[], byte[]> record) {
    ClusterEvent event = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    if (event instanceof EdgeHeartbeat heartbeat) {
      lastHeartbeat.merge(heartbeat.edgeId(), heartbeat.sentAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  @Override
  public void close() {
    follower.close();
  }
}
