package io.wharf.loadtest.edges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.loadtest.report.ReportFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgesReportTest {

    private static StepFigures step(String name, int edges, long delivered, double edgeCpu) {
        List<EdgeStepFigures> figures = new java.util.ArrayList<>();
        for (int e = 1; e <= edges; e++) {
            figures.add(new EdgeStepFigures(
                    "edge-" + e,
                    edgeCpu / edges,
                    1000 / edges,
                    delivered / edges,
                    List.of(0, 1, 2),
                    1000,
                    EdgeStepFigures.FROM_END_OFFSETS,
                    Double.NaN));
        }
        return new StepFigures(
                name, edges, 10, 2000, 200.0, 5.0, 6.0, 1000, 2000, delivered, 0, 1500, 9800, 2.0, Double.NaN, figures);
    }

    private static EdgesResult result(List<String> failures, StepFigures... steps) {
        return new EdgesResult(
                "2026-12-02T18:00:00Z",
                "a test machine",
                "wharf-load edges --edge-counts 1,2",
                List.of("--router", "false"),
                6,
                List.of(steps),
                failures);
    }

    @Test
    void theDerivedFiguresComeFromTheCountsAndTheCpu() {
        StepFigures step = step("fan-out", 2, 2000, 3.0);

        assertThat(step.missing()).isZero();
        assertThat(step.publishedPerSecond()).isEqualTo(200.0);
        assertThat(step.deliveredPerSecond()).isEqualTo(400.0);
        assertThat(step.kafkaCpuMicrosPerMessageIn()).isEqualTo(2000.0);
        assertThat(step.edgeCpuSeconds()).isEqualTo(3.0);
        assertThat(step.edgeCpuMicrosPerMessage()).isEqualTo(3.0e6 / 3000);
        assertThat(step.edgeCpuMicrosPerMessageIn()).isEqualTo(3000.0);
        assertThat(step.streamReads()).isEqualTo(2.0);
        assertThat(step.edgeCpuAboveIdleMicrosPerMessage()).isNaN();
    }

    @Test
    void theIdleCpuOverAsLongAWindowIsTakenOffTheCpuAboveIdle() {
        // Each edge used 1.5 s in a 6 s window; idle, edge-1 uses 0.1 cores and edge-2 0.05; Kafka 0.2.
        StepFigures step = step("fan-out", 2, 2000, 3.0).withIdle(new IdleCores(new double[] {0.1, 0.05}, 0.2));

        assertThat(step.edges().get(0).idleCpuSeconds()).isCloseTo(0.6, within(1e-9));
        assertThat(step.edges().get(0).cpuAboveIdleMicrosPerMessage()).isCloseTo(0.9e6 / 1500, within(1e-6));
        assertThat(step.edgeCpuAboveIdleMicrosPerMessage()).isCloseTo((3.0 - 0.9) * 1e6 / 3000, within(1e-6));
        assertThat(step.kafkaIdleCpuSeconds()).isCloseTo(1.2, within(1e-9));
        assertThat(step.kafkaCpuAboveIdleMicrosPerMessageIn()).isCloseTo(0.8e6 / 1000, within(1e-6));
        assertThat(step.edgeCpuMicrosPerMessage()).isEqualTo(1000.0);
    }

    @Test
    void theMarkdownHasARowPerStepAndPerEdgeAndSaysWhatTheKafkaProcessHolds() {
        String md = EdgesMarkdown.render(result(List.of(), step("fan-in", 1, 2000, 2.0), step("fan-in", 2, 1990, 3.0)));

        assertThat(md)
                .contains("`wharf-load edges --edge-counts 1,2`", "a test machine", "6 partitions", "`--router false`")
                .contains(EdgesResult.KAFKA_PROCESS)
                .contains("| fan-in | 1 | 200 | 1,000 | 200 | 2,000 | 400 | 0 | 1.5 | 9.8 |")
                .contains("| fan-in | 2 | 200 | 1,000 | 200 | 1,990 | 398 | 10 | 1.5 | 9.8 |")
                .contains("| fan-in | 2 | 3.00 | 1003.3 | n/a | 3000.0 | 2.00 | 2000.0 | n/a | 2.00 |")
                .contains("| fan-in | 2 | edge-2 | 1.50 | n/a | 500 | 995 |", "| 3 of 6 | 1,000 |")
                .contains("the edge's /metrics has no records_consumed_total")
                .doesNotContain("Failures");
    }

    @Test
    void aFailedRunListsItsFailuresAndIsNotComplete() throws Exception {
        EdgesResult failed = result(List.of("on 2 edges: edge-2 did not start"), step("fan-in", 1, 2000, 2.0));
        EdgesResult missing = result(List.of(), step("fan-in", 1, 1999, 2.0));

        assertThat(EdgesMarkdown.render(failed)).contains("Failures:\n- on 2 edges: edge-2 did not start");
        assertThat(failed.complete()).isFalse();
        assertThat(missing.complete()).isFalse();
        assertThat(missing.missing()).isEqualTo(1);
        JsonNode json = ReportFiles.JSON.readTree(ReportFiles.JSON.writeValueAsString(missing));
        assertThat(json.get("complete").asBoolean()).isFalse();
        assertThat(json.get("steps").get(0).get("missing").asLong()).isEqualTo(1);
        assertThat(json.get("steps")
                        .get(0)
                        .get("edges")
                        .get(0)
                        .get("cpuMicrosPerMessage")
                        .isNumber())
                .isTrue();
        assertThat(json.get("kafkaProcess").asText()).contains("router");
    }

    @Test
    void theChartHasALinePerStepOverTheEdgeCounts() {
        String svg = EdgesChart.render(result(
                List.of(),
                step("fan-in", 1, 2000, 2.0),
                step("fan-out", 1, 2000, 2.0),
                step("fan-in", 2, 2000, 3.0),
                step("fan-out", 2, 2000, 4.0)));

        assertThat(svg).startsWith("<svg").contains("fan-in", "fan-out", "edges", "CPU µs per message");
        assertThat(svg.split("<path ")).hasSize(3);
    }
}
