package io.wharf.loadtest.edges;

import static org.assertj.core.api.Assertions.assertThat;

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
                    EdgeStepFigures.FROM_END_OFFSETS));
        }
        return new StepFigures(
                name, edges, 10, 2000, 200.0, 5.0, 6.0, 1000, 2000, delivered, 0, 1500, 9800, 2.0, figures);
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
    }

    @Test
    void theMarkdownHasARowPerStepAndPerEdgeAndSaysWhatTheKafkaProcessHolds() {
        String md = EdgesMarkdown.render(result(List.of(), step("fan-in", 1, 2000, 2.0), step("fan-in", 2, 1990, 3.0)));

        assertThat(md)
                .contains("`wharf-load edges --edge-counts 1,2`", "a test machine", "6 partitions", "`--router false`")
                .contains(EdgesResult.KAFKA_PROCESS)
                .contains("| fan-in | 1 | 200 | 1,000 | 200 | 2,000 | 400 | 0 | 1.5 | 9.8 |")
                .contains("| fan-in | 2 | 200 | 1,000 | 200 | 1,990 | 398 | 10 |")
                .contains("| fan-in | 2 | edge-2 | 1.50 | 500 | 995 |", "| 3 of 6 | 1,000 |")
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
