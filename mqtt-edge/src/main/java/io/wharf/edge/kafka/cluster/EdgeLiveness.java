package io.wharf.edge.kafka.cluster;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which edges are alive, from their heartbeats on {@code mqtt.cluster}: an edge is alive while its
 * last heartbeat is younger than the allowed silence. An edge taking a session over waits for the
 * previous owner's hand-over only while that owner is alive.
 */
public final class EdgeLiveness implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EdgeLiveness.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final WharfTopic<String, ClusterEvent> topic;
  private final String selfId;
  private final Duration silenceAllowed;
  private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public EdgeLiveness(Consumer<byte[], byte[]> consumer, WharfTopic<String, ClusterEvent> topic, String selfId, Duration silenceAllowed) {
    this.consumer = consumer;
    this.topic = topic;
    this.selfId = selfId;
    this.silenceAllowed = silenceAllowed;
    this.thread = new Thread(this::run, "wharf-edge-liveness");
    this.thread.setDaemon(true);
  }

  /** Starts following heartbeats from a little before now. */
  public void start() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name()).stream().map(info -> new TopicPartition(topic.name(), info.partition())).toList();
    consumer.assign(partitions);
    long since = Instant.now().minus(silenceAllowed.multipliedBy(2)).toEpochMilli();
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp offset = offsets.get(partition);
      if (offset == null) {
        consumer.seekToEnd(List.of(partition));
      } else {
        consumer.seek(partition, offset.offset());
      }
    }
    thread.start();
  }

  public boolean isAlive(String edgeId) {
    if (selfId.equals(edgeId)) {
      return true;
    }
    Instant last = lastHeartbeat.get(edgeId);
    return last != null && last.plus(silenceAllowed).isAfter(Instant.now());
  }

  private void run() {
    while (running) {
      try {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          ClusterEvent event = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
          if (event instanceof EdgeHeartbeat heartbeat) {
            lastHeartbeat.merge(heartbeat.edgeId(), heartbeat.sentAt(), (a, b) -> a.isAfter(b) ? a : b);
          }
        }
      } catch (WakeupException e) {
        // closing
      } catch (InterruptException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Reading heartbeats failed, retrying: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
  }
}
