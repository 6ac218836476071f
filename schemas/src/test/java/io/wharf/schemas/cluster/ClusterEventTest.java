package io.wharf.schemas.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.Golden;
import io.wharf.schemas.SchemaDocument;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every edge, the router and outside tools read {@code mqtt.cluster}; its formats are pinned here. */
class ClusterEventTest {

    private static final EdgeHeartbeat HEARTBEAT = EdgeHeartbeat.of(
            "edge-1",
            "10.0.0.1:1883",
            Instant.parse("2026-01-31T07:59:12.125Z"),
            Instant.parse("2026-01-31T08:00:00Z"),
            2000,
            "10.0.0.1:8080");
    private static final EdgeDown EDGE_DOWN = EdgeDown.of(
            "edge-2",
            Instant.parse("2026-01-31T08:00:00Z"),
            Instant.parse("2026-01-31T08:00:06.5Z"),
            Instant.parse("2026-01-31T07:00:00.125Z"));

    @Test
    void aHeartbeatIsWrittenAsTheGoldenFileSays() throws Exception {
        Golden.assertPinned(HEARTBEAT, ClusterEvent.class, "cluster-heartbeat.json", SchemaDocument.CLUSTER_EVENT);
    }

    @Test
    void anEdgeDownEventIsWrittenAsTheGoldenFileSays() throws Exception {
        Golden.assertPinned(EDGE_DOWN, ClusterEvent.class, "cluster-edge-down.json", SchemaDocument.CLUSTER_EVENT);
    }

    @Test
    void anEdgeDownEventOfARouterBeforeIncarnationsReadsWithoutOne() throws Exception {
        Golden.assertReadsAs(
                "cluster-edge-down-v1.json",
                ClusterEvent.class,
                new EdgeDown(1, "edge-2", EDGE_DOWN.lastHeartbeatAt(), EDGE_DOWN.detectedAt(), null));
        Golden.assertValid("cluster-edge-down-v1.json", SchemaDocument.CLUSTER_EVENT);
    }

    @Test
    void aReaderIgnoresFieldsItDoesNotKnow() throws Exception {
        Golden.assertReadsAs(
                "cluster-heartbeat-newer-writer.json",
                ClusterEvent.class,
                new EdgeHeartbeat(
                        3,
                        "edge-1",
                        "10.0.0.1:1883",
                        HEARTBEAT.startedAt(),
                        HEARTBEAT.sentAt(),
                        2000,
                        "10.0.0.1:8080"));
        Golden.assertValid("cluster-heartbeat-newer-writer.json", SchemaDocument.CLUSTER_EVENT);
    }

    @Test
    void aHeartbeatOfAnEdgeBeforeTheHttpAddressReadsWithoutOne() throws Exception {
        Golden.assertReadsAs(
                "cluster-heartbeat-v1.json",
                ClusterEvent.class,
                new EdgeHeartbeat(1, "edge-1", "10.0.0.1:1883", HEARTBEAT.startedAt(), HEARTBEAT.sentAt(), 2000, null));
        Golden.assertValid("cluster-heartbeat-v1.json", SchemaDocument.CLUSTER_EVENT);
    }

    @Test
    void aReaderSkipsEventsOfATypeItDoesNotKnow() throws Exception {
        Golden.assertReadsAs("cluster-unknown-type-newer-writer.json", ClusterEvent.class, new UnknownClusterEvent(3));
        Golden.assertValid("cluster-unknown-type-newer-writer.json", SchemaDocument.CLUSTER_EVENT);
    }

    @Test
    void theTopicsSerdeWritesTheTypeOfEachEvent() {
        WharfTopic<String, ClusterEvent> topic = WharfTopics.withDefaultPrefix().cluster();

        byte[] written = topic.valueSerde().serializer().serialize(topic.name(), EDGE_DOWN);

        assertThat(new String(written, StandardCharsets.UTF_8)).startsWith("{\"type\":\"edge-down\",");
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), written))
                .isEqualTo(EDGE_DOWN);
    }

    @Test
    void theSchemaHoldsAKnownTypeToItsFields() {
        String heartbeatWithoutEdge = Golden.text("cluster-heartbeat.json").replace("\"edgeId\"", "\"edge\"");

        assertThat(Golden.errors(heartbeatWithoutEdge, SchemaDocument.CLUSTER_EVENT))
                .isNotEmpty();
    }
}
