package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.loadtest.scenario.LoadOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    private static final List<String> EVERY_BROKER = List.of(BenchPlan.WHARF, BenchPlan.MOSQUITTO, BenchPlan.HIVEMQ);

    @Test
    void theFullPlanIsEstimatedToTakeLessThanThirtyFiveMinutesOnTwoCores() {
        double seconds = BenchPlan.full()
                .estimatedSeconds(EVERY_BROKER, BenchCommand.IDLE_MEMORY_SECONDS, BenchCommand.BROKER_START_SECONDS);

        assertThat(seconds / 60).isLessThan(35);
    }

    @Test
    void theFullPlanWarmsUpAndMeasuresThreeRoundsOfEveryStepTheQuickPlanOne() {
        assertThat(BenchPlan.full().rounds()).isEqualTo(3);
        assertThat(BenchPlan.full().warmUp()).isTrue();
        assertThat(BenchPlan.quick().rounds()).isEqualTo(1);
        assertThat(BenchPlan.quick().steps())
                .extracting(BenchPlan.Step::label)
                .containsExactlyElementsOf(BenchPlan.full().steps().stream()
                        .map(BenchPlan.Step::label)
                        .toList());
    }

    @Test
    void theRawKafkaRowKeepsAsManyRecordsInFlightAsTheIngestRunsPublishersAndWindowWithWharfsHeaders() {
        LoadOptions ingest = step(BenchPlan.INGEST_STEP).options(new LoadOptions());
        LoadOptions raw = step(BenchPlan.RAW_KAFKA_STEP).options(new LoadOptions());

        assertThat(raw.kafkaInFlight).isEqualTo(ingest.connections * ingest.window);
        assertThat(raw.kafkaHeaders).isEqualTo("wharf");
        assertThat(raw.qos).isEqualTo(ingest.qos);
        assertThat(raw.payloadSize).isEqualTo(ingest.payloadSize);
        assertThat(raw.connections).isEqualTo(ingest.connections);
    }

    @Test
    void aWarmUpIsTheSameRunForAThirdOfItsDuration() {
        BenchPlan.Step fanOut = step(BenchPlan.FAN_OUT_STEP);

        LoadOptions warmUp = fanOut.warmUpOptions(new LoadOptions());

        assertThat(warmUp.durationSeconds).isEqualTo(3);
        assertThat(warmUp.connections).isEqualTo(fanOut.options(new LoadOptions()).connections);
    }

    private static BenchPlan.Step step(String label) {
        return BenchPlan.full().steps().stream()
                .filter(step -> step.label().equals(label))
                .findFirst()
                .orElseThrow();
    }
}
