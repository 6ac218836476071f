package io.wharf.loadtest.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgesCountersTest {

    // Lines as an edge's /metrics gives them (Kafka's client repeats a topic label with '_' for '.').
    private static final String PAGE = """
            # HELP wharf_messages_delivered_total PUBLISH packets this edge sent to clients
            # TYPE wharf_messages_delivered_total counter
            wharf_messages_delivered_total{edge="edge-1",qos="0"} 3.0
            wharf_messages_delivered_total{edge="edge-1",qos="1"} 1234.0
            wharf_messages_delivered_total{edge="edge-1",qos="2"} 0.0
            wharf_messages_received_total{edge="edge-1",qos="0"} 0.0
            wharf_messages_received_total{edge="edge-1",qos="1"} 1.0E3
            wharf_messages_received_total{edge="edge-1",qos="2"} 5.0
            kafka_consumer_fetch_manager_records_lag{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",partition="0",topic="mqtt.messages"} 0.0
            kafka_consumer_fetch_manager_records_lag{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",partition="0",topic="mqtt_messages"} 0.0
            kafka_consumer_fetch_manager_records_lag{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",partition="5",topic="mqtt.messages"} 2.0
            kafka_consumer_fetch_manager_records_lag{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",partition="5",topic="mqtt_messages"} 2.0
            kafka_consumer_fetch_manager_records_lag{client_id="edge-1-catch-up-1",edge="edge-1",kafka_version="4.4.0",partition="3",topic="mqtt.messages"} 0.0
            kafka_consumer_fetch_manager_records_lag{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",partition="2",topic="mqtt.retained"} 0.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",partition="4",topic="mqtt.messages"} 0.0
            """;

    @Test
    void theCountersAreSummedOverTheQosLabelsAndThePartitionsAreThoseOfTheFeedOnTheMessageTopic() {
        EdgeCounters counters = EdgeCounters.parse(PAGE, "edge-1", "mqtt.messages");

        assertThat(counters.received()).isEqualTo(1005);
        assertThat(counters.delivered()).isEqualTo(1237);
        assertThat(counters.followedPartitions()).containsExactly(0, 5);
        assertThat(counters.recordsConsumed()).isEqualTo(-1);
    }

    @Test
    void theRecordsConsumedAreTheFeedsTotalNotItsPerTopicRepeat() {
        String page = PAGE + """
                kafka_consumer_fetch_manager_records_consumed_total{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0"} 900.0
                kafka_consumer_fetch_manager_records_consumed_total{client_id="edge-1-feed",edge="edge-1",kafka_version="4.4.0",topic="mqtt.messages"} 900.0
                kafka_consumer_fetch_manager_records_consumed_total{client_id="edge-1-catch-up-1",edge="edge-1",kafka_version="4.4.0"} 77.0
                """;

        assertThat(EdgeCounters.parse(page, "edge-1", "mqtt.messages").recordsConsumed())
                .isEqualTo(900);
    }

    @Test
    void anEdgeWithNoTrafficYetHasNothingFollowedAndZeroCounts() {
        EdgeCounters counters = EdgeCounters.parse("# nothing yet\n", "edge-2", "mqtt.messages");

        assertThat(counters.received()).isZero();
        assertThat(counters.delivered()).isZero();
        assertThat(counters.followedPartitions()).isEmpty();
    }

    @Test
    void labelsAndValuesInOddShapesStillParse() {
        PrometheusSamples samples = new PrometheusSamples("""
                plain_total 4
                quoted{name="a \\"b\\" c",x="1"} 2.5 1700000000000
                not a sample line
                quoted{name="other",x="1"} NaN
                """);

        assertThat(samples.sum("plain_total", Map.of())).isEqualTo(4.0);
        assertThat(samples.sum("quoted", Map.of("name", "a \\\"b\\\" c"))).isEqualTo(2.5);
        assertThat(samples.labelValues("quoted", "name", Map.of("x", "1"))).hasSize(2);
        assertThat(samples.sum("absent", Map.of())).isEqualTo(-1);
    }

    @Test
    void aWindowsFiguresAreTheDeltasAndWithoutTheConsumerMetricTheRecordsOfTheFollowedPartitions() {
        WindowSnapshot start = new WindowSnapshot(
                0,
                new double[] {10.0, 20.0},
                List.of(
                        new EdgeCounters(100, 200, java.util.Set.of(0), -1),
                        new EdgeCounters(0, 0, java.util.Set.of(), -1)),
                5.0,
                Map.of(0, 1000L, 1, 2000L, 2, 3000L));
        WindowSnapshot end = new WindowSnapshot(
                2_000_000_000L,
                new double[] {12.5, 21.0},
                List.of(
                        new EdgeCounters(150, 400, java.util.Set.of(0, 2), -1),
                        new EdgeCounters(50, 100, java.util.Set.of(1), -1)),
                6.0,
                Map.of(0, 1040L, 1, 2030L, 2, 3030L));

        List<EdgeStepFigures> edges = start.edgesUntil(end, List.of("edge-1", "edge-2"));

        EdgeStepFigures first = edges.get(0);
        assertThat(first.cpuSeconds()).isEqualTo(2.5);
        assertThat(first.messagesIn()).isEqualTo(50);
        assertThat(first.messagesOut()).isEqualTo(200);
        assertThat(first.followedPartitions()).containsExactly(0, 2);
        assertThat(first.recordsFetched()).isEqualTo(40 + 30);
        assertThat(first.recordsFetchedFrom()).isEqualTo(EdgeStepFigures.FROM_END_OFFSETS);
        assertThat(first.cpuMicrosPerMessage()).isEqualTo(2.5e6 / 250);
        assertThat(edges.get(1).recordsFetched()).isEqualTo(30);
        assertThat(edges.get(1).fetchedPerDelivered()).isEqualTo(0.3);
    }
}
