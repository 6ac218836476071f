package io.wharf.edge.kafka.cluster;

import io.wharf.edge.admin.AdminWrites;
import io.wharf.edge.kafka.SerialSender;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.session.SessionRecord;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An operator's changes as tombstones in the compacted topics: a session's tombstone drops it from
 * every edge's session directory (as the router's does for an expired one), a retained topic's
 * clears its retained message on every edge. They go through the session writes' sender, after
 * every session record this edge handed it before.
 */
public final class KafkaAdminWrites implements AdminWrites {

    private final SerialSender sender;
    private final WharfTopic<String, SessionRecord> sessions;
    private final String retainedTopic;

    public KafkaAdminWrites(SerialSender sender, WharfTopic<String, SessionRecord> sessions, String retainedTopic) {
        this.sender = sender;
        this.sessions = sessions;
        this.retainedTopic = retainedTopic;
    }

    @Override
    public CompletableFuture<Void> removeSession(String clientId) {
        byte[] key = sessions.keySerde().serializer().serialize(sessions.name(), clientId);
        return sender.send(new ProducerRecord<>(sessions.name(), key, null)).thenApply(stored -> null);
    }

    @Override
    public CompletableFuture<Void> clearRetained(String topic) {
        byte[] key = topic.getBytes(StandardCharsets.UTF_8);
        return sender.send(new ProducerRecord<>(retainedTopic, key, null)).thenApply(stored -> null);
    }
}
