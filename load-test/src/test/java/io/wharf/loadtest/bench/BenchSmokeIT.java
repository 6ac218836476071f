package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.loadtest.report.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The benchmark command end to end, at smoke scale (a few seconds of load): it starts wharf.jar
 * and Mosquitto itself, reads their CPU with no traffic, runs two rounds of one step against both,
 * and writes the report, the results section of a BENCHMARKS file and its chart.
 */
@Timeout(240)
class BenchSmokeIT {

    @Test
    void oneQuickStepAgainstWharfAndMosquittoWritesTheReportAndTheMarkdown(@TempDir Path out) throws Exception {
        Path markdown = out.resolve("BENCHMARKS.md");
        Files.writeString(
                markdown,
                "# Benchmarks\n\nProse that stays.\n\n" + BenchMarkdown.BEGIN + "\nold figures\n" + BenchMarkdown.END
                        + "\n\nMore prose.\n");

        int exit = new CommandLine(new BenchCommand())
                .execute(
                        "--quick",
                        "--targets",
                        "wharf,mosquitto",
                        "--steps",
                        "fan-out-qos1",
                        "--rounds",
                        "2",
                        "--idle-connections",
                        "0",
                        "--out",
                        out.toString(),
                        "--wharf-jar",
                        System.getProperty("wharf.jar"),
                        "--update",
                        markdown.toString(),
                        "--broker-jvm-options",
                        "-Xmx512m");

        assertThat(exit).isZero();
        JsonNode report = ReportFiles.JSON.readTree(out.resolve("bench.json").toFile());
        assertThat(report.get("steps")).hasSize(2);
        for (JsonNode step : report.get("steps")) {
            assertThat(step.get("rounds")).hasSize(2);
            for (JsonNode round : step.get("rounds")) {
                assertThat(round.get("result").get("missing").asLong()).isZero();
                assertThat(round.get("result").get("delivered").asLong()).isPositive();
                assertThat(round.get("brokerCpuSeconds").asDouble()).isNotNegative();
            }
        }
        assertThat(report.get("idleCpu")).hasSize(4);
        assertThat(Files.readString(out.resolve("bench.html")))
                .contains("<h2>fan-out-qos1 (fan-out, median round)</h2>", "wharf / mosquitto", "<svg");
        String updated = Files.readString(markdown);
        assertThat(updated)
                .contains(
                        "Prose that stays.",
                        "More prose.",
                        "| fan-out-qos1 | deliveries/s |",
                        "| fan-out-qos1 | broker CPU µs per message (lower is better) |",
                        "| QoS 1 fan-out deliveries/s ≥ 1.0× the best peer |",
                        "| mosquitto | memory only",
                        "| wharf | 0 |")
                .doesNotContain("old figures");
        assertThat(out.resolve(BenchMarkdown.CHART)).content().startsWith("<svg");
    }
}
