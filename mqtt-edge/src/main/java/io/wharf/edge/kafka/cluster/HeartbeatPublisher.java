package io.wharf.edge.kafka.cluster;

import io.wharf.edge.kafka.KafkaWriteHealth;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the cluster, through {@code mqtt.cluster}, that this edge is alive. It has a producer and a
 * thread of its own, so that no message traffic can delay a heartbeat (a flood that fills the
 * message producer's buffer would otherwise get this edge declared dead and its clients' wills
 * published while they are connected), and a Kafka that hangs cannot stall an event loop. Each
 * heartbeat's outcome tells {@link KafkaWriteHealth} whether the edge can write to Kafka.
 */
public final class HeartbeatPublisher implements AutoCloseable {

    /** The name under which heartbeats report to {@link KafkaWriteHealth}. */
    public static final String HEALTH_PATH = "heartbeats";

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final WharfTopic<String, ClusterEvent> topic;
    private final String edgeId;
    private final String mqttAddress;
    private final String httpAddress;
    private final Duration interval;
    private final Clock clock;
    private final KafkaWriteHealth health;
    private final Instant startedAt;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "wharf-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sent = new AtomicLong();
    /** The newest heartbeat whose outcome was reported: an older one's late outcome says nothing new. */
    private final AtomicLong reported = new AtomicLong();

    /**
     * @param producer the heartbeats' own producer; closed with the publisher
     * @param httpAddress where this edge answers HTTP, {@code host:port}, so that other edges can
     *     forward admin requests to it; null when HTTP is off
     */
    public HeartbeatPublisher(
            Producer<byte[], byte[]> producer,
            WharfTopic<String, ClusterEvent> topic,
            String edgeId,
            String mqttAddress,
            String httpAddress,
            Instant startedAt,
            Duration interval,
            KafkaWriteHealth health,
            Clock clock) {
        this.producer = producer;
        this.clock = clock;
        this.httpAddress = httpAddress;
        this.topic = topic;
        this.edgeId = edgeId;
        this.mqttAddress = mqttAddress;
        this.startedAt = startedAt;
        this.interval = interval;
        this.health = health;
    }

    public void start() {
        executor.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Never throws: a scheduled task that throws is never run again. */
    private void beat() {
        long number = sent.incrementAndGet();
        try {
            EdgeHeartbeat heartbeat =
                    EdgeHeartbeat.of(edgeId, mqttAddress, startedAt, clock.instant(), interval.toMillis(), httpAddress);
            byte[] key = topic.keySerde().serializer().serialize(topic.name(), edgeId);
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), heartbeat);
            producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> outcome(number, error));
        } catch (Throwable e) {
            outcome(number, e);
        }
    }

    private void outcome(long number, Throwable error) {
        if (reported.getAndAccumulate(number, Math::max) > number) {
            return;
        }
        if (error == null) {
            health.written(HEALTH_PATH);
        } else {
            log.debug("Heartbeat of edge {} not written: {}", edgeId, error.toString());
            health.failed(HEALTH_PATH, error);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(1));
    }
}
