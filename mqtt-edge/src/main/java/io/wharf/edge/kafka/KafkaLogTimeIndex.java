package io.wharf.edge.kafka;

import io.wharf.edge.log.LogTimeIndex;
import io.wharf.edge.message.LogPartition;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's own offsets-for-times, asked of the partitions a filter can match. Asks without blocking
 * any thread: the admin client answers on its own.
 */
public final class KafkaLogTimeIndex implements LogTimeIndex, AutoCloseable {

    private static final ListOffsetsOptions COMMITTED = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);

    private final Admin admin;
    private final PartitionPlanner planner;

    public KafkaLogTimeIndex(
            String bootstrap, Map<String, Object> clientOverrides, String clientId, PartitionPlanner planner) {
        Map<String, Object> config = new HashMap<>(clientOverrides);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        this.admin = Admin.create(config);
        this.planner = planner;
    }

    @Override
    public CompletableFuture<Map<LogPartition, Long>> offsetsAt(TopicFilter filter, Instant time) {
        Set<TopicPartition> partitions = planner.partitionsFor(filter);
        return list(partitions, partition -> OffsetSpec.forTimestamp(time.toEpochMilli()))
                .thenCompose(atTime -> {
                    // No record at or after the time: Kafka answers -1, and the place to be is the end.
                    Set<TopicPartition> pastTheEnd = new HashSet<>();
                    atTime.forEach((partition, info) -> {
                        if (info.offset() < 0) {
                            pastTheEnd.add(partition);
                        }
                    });
                    return list(pastTheEnd, partition -> OffsetSpec.latest()).thenApply(latest -> {
                        Map<LogPartition, Long> offsets = new HashMap<>();
                        atTime.forEach((partition, info) -> offsets.put(logPartition(partition), info.offset()));
                        latest.forEach((partition, info) -> offsets.put(logPartition(partition), info.offset()));
                        return offsets;
                    });
                });
    }

    private CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> list(
            Set<TopicPartition> partitions, Function<TopicPartition, OffsetSpec> spec) {
        if (partitions.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec.apply(partition)));
        return admin.listOffsets(request, COMMITTED).all().toCompletionStage().toCompletableFuture();
    }

    private static LogPartition logPartition(TopicPartition partition) {
        return new LogPartition(partition.topic(), partition.partition());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
