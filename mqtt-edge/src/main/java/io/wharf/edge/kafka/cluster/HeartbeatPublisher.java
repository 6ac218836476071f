package io.wharf.edge.kafka.cluster;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the cluster, through {@code mqtt.cluster}, that this edge is alive. */
public final class HeartbeatPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

  private final Producer<byte[], byte[]> producer;
  private final WharfTopic<String, ClusterEvent> topic;
  private final String edgeId;
  private final String mqttAddress;
  private final Duration interval;
  private final Instant startedAt;
  private ScheduledFuture<?> schedule;

  public HeartbeatPublisher(
      Producer<byte[], byte[]> producer,
      WharfTopic<String, ClusterEvent> topic,
      String edgeId,
      String mqttAddress,
      Instant startedAt,
      Duration interval) {
    this.producer = producer;
    this.topic = topic;
    this.edgeId = edgeId;
    this.mqttAddress = mqttAddress;
    this.startedAt = startedAt;
    this.interval = interval;
  }

  public void start(ScheduledExecutorService executor) {
    schedule = executor.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beat() {
    EdgeHeartbeat heartbeat = EdgeHeartbeat.of(edgeId, mqttAddress, startedAt, Instant.now(), interval.toMillis());
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), edgeId);
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), heartbeat);
    try {
      producer.send(
          new ProducerRecord<>(topic.name(), key, value),
          (metadata, error) -> {
            if (error != null) {
              log.warn("Heartbeat of edge {} not written: {}", edgeId, error.toString());
            }
          });
    } catch (RuntimeException e) {
      log.warn("Heartbeat of edge {} not written: {}", edgeId, e.toString());
    }
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
  }
}
