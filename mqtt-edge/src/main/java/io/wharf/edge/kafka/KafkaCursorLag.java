package io.wharf.edge.kafka;

import io.wharf.edge.admin.CursorLag;
import io.wharf.edge.message.LogPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** A session cursor's lag, from the partitions' end offsets as the Kafka admin client lists them. */
public final class KafkaCursorLag implements CursorLag, AutoCloseable {

    private final Admin admin;

    public KafkaCursorLag(Admin admin) {
        this.admin = admin;
    }

    @Override
    public CompletableFuture<Long> behind(Map<LogPartition, Long> next) {
        if (next.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        next.keySet().forEach(partition -> latest.put(topicPartition(partition), OffsetSpec.latest()));
        CompletableFuture<Long> lag = new CompletableFuture<>();
        admin.listOffsets(latest).all().whenComplete((ends, error) -> {
            if (error != null) {
                lag.completeExceptionally(error);
            } else {
                Map<TopicPartition, Long> endOffsets = new HashMap<>();
                ends.forEach((partition, end) -> endOffsets.put(partition, end.offset()));
                lag.complete(recordsBehind(next, endOffsets));
            }
        });
        return lag;
    }

    /** Each partition's end less its cursor, never below zero (a cursor may run ahead of a truncated log). */
    static long recordsBehind(Map<LogPartition, Long> next, Map<TopicPartition, Long> ends) {
        long behind = 0;
        for (Map.Entry<LogPartition, Long> cursor : next.entrySet()) {
            Long end = ends.get(topicPartition(cursor.getKey()));
            if (end != null) {
                behind += Math.max(0, end - cursor.getValue());
            }
        }
        return behind;
    }

    private static TopicPartition topicPartition(LogPartition partition) {
        return new TopicPartition(partition.logTopic(), partition.partition());
    }

    @Override
    public void close() {
        admin.close();
    }
}
