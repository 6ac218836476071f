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
 * and Mosquitto itself, runs one step against both, and writes the report and the results
 * section of a BENCHMARKS file.
 */
@Timeout(180)
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
            assertThat(step.get("result").get("missing").asLong()).isZero();
            assertThat(step.get("result").get("delivered").asLong()).isPositive();
        }
        assertThat(Files.readString(out.resolve("bench.html")))
                .contains("<h2>fan-out-qos1 (fan-out)</h2>", "wharf / mosquitto");
        String updated = Files.readString(markdown);
        assertThat(updated)
                .contains("Prose that stays.", "More prose.", "| fan-out-qos1 | deliveries/s |")
                .doesNotContain("old figures");
    }
}
