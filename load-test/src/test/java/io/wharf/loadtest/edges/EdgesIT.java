package io.wharf.loadtest.edges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.loadtest.report.ReportFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The edges command end to end at small scale: a fresh cluster of one and then two edges (with no
 * router of their own) takes the fan-in and the fan-out load; nothing goes missing, every edge
 * carries messages both ways, and its live feed follows partitions of the message topic.
 */
@Timeout(180)
class EdgesIT {

    @Test
    void oneAndTwoEdgesCarryBothStepsWithNothingMissingAndTheReportHasTheirFigures(@TempDir Path out) throws Exception {
        int exit = new CommandLine(new EdgesCommand())
                .execute(
                        "--edge-counts", "1,2",
                        "--devices", "100",
                        "--publishers", "4",
                        "--topics", "10",
                        "--subscribers", "100",
                        "--duration", "5",
                        "--warm-up", "2",
                        "--wharf-jar", System.getProperty("wharf.jar"),
                        "--out", out.toString(),
                        "--edge-jvm-options", "-Xmx384m");

        assertThat(exit).isZero();
        JsonNode report = ReportFiles.JSON.readTree(out.resolve("edges.json").toFile());
        assertThat(report.get("complete").asBoolean()).isTrue();
        assertThat(report.get("failures")).isEmpty();
        assertThat(report.get("edgeFlags").toString()).contains("--router", "false");
        int partitions = report.get("messageTopicPartitions").asInt();
        assertThat(partitions).isPositive();
        JsonNode steps = report.get("steps");
        assertThat(steps).hasSize(4);
        for (JsonNode step : steps) {
            String name =
                    step.get("step").asText() + " on " + step.get("edgeCount").asInt();
            assertThat(step.get("published").asLong()).as(name).isPositive();
            assertThat(step.get("missing").asLong()).as(name).isZero();
            assertThat(step.get("delivered").asLong())
                    .as(name)
                    .isEqualTo(step.get("expected").asLong());
            assertThat(step.get("connectFailures").asLong()).as(name).isZero();
            assertThat(step.get("kafkaCpuSeconds").asDouble()).as(name).isPositive();
            JsonNode edges = step.get("edges");
            assertThat(edges).as(name).hasSize(step.get("edgeCount").asInt());
            long in = 0;
            for (JsonNode edge : edges) {
                assertThat(edge.get("messagesIn").asLong()).as(name).isPositive();
                assertThat(edge.get("messagesOut").asLong()).as(name).isPositive();
                assertThat(edge.get("followedPartitions")).as(name).isNotEmpty();
                if (step.get("step").asText().equals("fan-in")) {
                    // A wildcard over every device's topic needs every partition.
                    assertThat(edge.get("followedPartitions")).as(name).hasSize(partitions);
                }
                in += edge.get("messagesIn").asLong();
            }
            assertThat(in).as(name).isEqualTo(step.get("published").asLong());
        }
        assertThat(out.resolve("edges.md"))
                .content()
                .contains("| fan-in | 1 |", "| fan-out | 2 |", "| fan-out | 2 | edge-2 |");
        assertThat(out.resolve("edges.svg")).content().startsWith("<svg").contains("fan-in", "fan-out");
    }
}
