package io.wharf.edge;

import io.wharf.edge.admin.ClusterAdmin;
import io.wharf.edge.admin.ClusterAuth;
import io.wharf.edge.admin.CursorLag;
import io.wharf.edge.admin.EdgeIdentity;
import io.wharf.edge.admin.LocalAdmin;
import io.wharf.edge.admin.MessageRates;
import io.wharf.edge.admin.MessageTotals;
import io.wharf.edge.admin.PeerAdmin;
import io.wharf.edge.admin.TopicRates;
import io.wharf.edge.kafka.cluster.EdgeLiveness;
import io.wharf.edge.kafka.cluster.KafkaAdminWrites;
import io.wharf.edge.kafka.session.KafkaSessions;
import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.retained.RetainedIndex;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The cluster-wide admin API of one edge, put together from what it reports on: this edge's
 * clients and retained messages, the cluster's live edges and stored sessions, and the other edges
 * asked through {@code peers}. Its HTTP port and its drain exist only once the edge has started,
 * hence the suppliers.
 */
final class AdminApiParts {

    private AdminApiParts() {}

    static ClusterAdmin clusterAdmin(
            EdgeSettings settings,
            Instant incarnation,
            String mqttAddress,
            IntSupplier httpPort,
            ConnectedClients clients,
            RetainedIndex retainedIndex,
            BooleanSupplier draining,
            BooleanSupplier kafkaWritable,
            Supplier<MessageTotals> messages,
            MessageRates rates,
            LongSupplier kafkaLag,
            CursorLag cursorLag,
            EdgeLiveness liveness,
            KafkaSessions sessions,
            PeerAdmin peers,
            Runnable drain,
            ClusterAuth auth,
            TopicRates topicRates) {
        LocalAdmin local = new LocalAdmin(
                new EdgeIdentity(
                        settings.nodeId(),
                        incarnation,
                        mqttAddress,
                        () -> {
                            int port = httpPort.getAsInt();
                            return port < 0 ? null : EdgeIdentity.advertised(settings.bindHost(), port);
                        },
                        EdgeIdentity.runningVersion()),
                clients,
                retainedIndex,
                draining,
                kafkaWritable,
                messages,
                rates,
                kafkaLag,
                cursorLag);
        return new ClusterAdmin(
                local,
                liveness::liveEdges,
                sessions.directory()::entries,
                new KafkaAdminWrites(
                        sessions.writes(),
                        settings.topics().sessions(),
                        settings.topics().retained().name()),
                peers,
                drain,
                auth,
                topicRates);
    }
}
