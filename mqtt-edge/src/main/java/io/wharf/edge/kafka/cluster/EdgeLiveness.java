package io.wharf.edge.kafka.cluster;

import io.wharf.edge.kafka.TopicFollower;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeHeartbeat;
import io.wharf.schemas.cluster.EdgeLivenessRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which edge processes are alive, from their heartbeats on {@code mqtt.cluster}. An edge process is
 * a node id and an incarnation (when it started): it is alive while the newest heartbeat of its node
 * id is younger than the allowed silence and comes from it, not from a later process of the same
 * node id (see {@link EdgeLivenessRules}). An edge taking a session over waits for the previous
 * owner's hand-over only while that owner is alive.
 */
public final class EdgeLiveness implements TopicFollower.Handler, AutoCloseable {

    private final TopicFollower follower;
    private final WharfTopic<String, ClusterEvent> topic;
    private final String selfId;
    private final Instant selfIncarnation;
    private final Duration silenceAllowed;
    private final Clock clock;
    private final Map<String, EdgeHeartbeat> newestHeartbeat = new ConcurrentHashMap<>();

    /** @param selfIncarnation when this edge process started: the {@code startedAt} of its heartbeats */
    public EdgeLiveness(
            Consumer<byte[], byte[]> consumer,
            WharfTopic<String, ClusterEvent> topic,
            String selfId,
            Instant selfIncarnation,
            Duration silenceAllowed,
            Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.selfId = selfId;
        this.selfIncarnation = selfIncarnation;
        this.silenceAllowed = silenceAllowed;
        this.follower = new TopicFollower("wharf-edge-liveness", consumer, topic.name(), this);
    }

    /** Starts following heartbeats from a little before now. */
    public void start() {
        follower.startFrom(clock.instant().minus(silenceAllowed.multipliedBy(2)));
    }

    /** Whether the edge is alive, whichever of its processes it is. */
    public boolean isAlive(String edgeId) {
        return isAlive(edgeId, null);
    }

    /**
     * Whether the process of {@code edgeId} that started at {@code incarnation} (null: not known) is
     * alive. An earlier process of this edge's own node id is not: this one replaced it.
     */
    public boolean isAlive(String edgeId, Instant incarnation) {
        if (selfId.equals(edgeId)) {
            return incarnation == null || !incarnation.isBefore(selfIncarnation);
        }
        return EdgeLivenessRules.isAlive(newestHeartbeat.get(edgeId), incarnation, silenceAllowed, clock.instant());
    }

    /** The newest heartbeat of every edge alive now, by node id (this edge's once it has read one). */
    public Map<String, EdgeHeartbeat> liveEdges() {
        Instant now = Instant.now();
        Map<String, EdgeHeartbeat> alive = new TreeMap<>();
        newestHeartbeat.forEach((edgeId, heartbeat) -> {
            if (EdgeLivenessRules.isAlive(heartbeat, null, silenceAllowed, now)) {
                alive.put(edgeId, heartbeat);
            }
        });
        return alive;
    }

    @Override
    public void apply(ConsumerRecord<byte[], byte[]> record) {
        ClusterEvent event = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        if (event instanceof EdgeHeartbeat heartbeat) {
            newestHeartbeat.merge(heartbeat.edgeId(), heartbeat, EdgeLivenessRules::newest);
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
