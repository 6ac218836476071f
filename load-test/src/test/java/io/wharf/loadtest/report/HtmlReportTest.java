package io.wharf.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.scenario.LoadOptions;
import io.wharf.loadtest.scenario.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @Test
    void everyBrokerOfAScenarioGetsARowAndACurve(@TempDir Path directory) throws IOException {
        List<ScenarioResult> results = List.of(result("wharf", 12.5), result("mosquitto <2.0.11>", 3.25));

        Path html = ReportFiles.write(directory, "fan-out", "Fan-out & friends", results, "<p>ratios</p>", results);

        String page = Files.readString(html);
        assertThat(page)
                .contains(
                        "<h2>fan-out</h2>",
                        "Fan-out &amp; friends",
                        "<p>ratios</p>",
                        "<svg",
                        "mosquitto &lt;2.0.11&gt;");
        assertThat(page).containsSubsequence("<td>wharf</td>", "<td>mosquitto &lt;2.0.11&gt;</td>");
        assertThat(page).contains("latency by percentile", ">99.9%<", ">99.99%<");
        JsonNode json =
                ReportFiles.JSON.readTree(directory.resolve("fan-out.json").toFile());
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("latencyMs").get("p99").asDouble()).isEqualTo(12.5);
        assertThat(json.get(1).get("options").get("qos").asInt()).isEqualTo(1);
    }

    @Test
    void percentileAxisSpreadsTheTail() {
        assertThat(SvgChart.percentilePosition(0)).isZero();
        assertThat(SvgChart.percentilePosition(90)).isEqualTo(1.0, within(1e-9));
        assertThat(SvgChart.percentilePosition(99.9)).isEqualTo(3.0, within(1e-9));
        assertThat(SvgChart.niceCeiling(37)).isEqualTo(50);
        assertThat(SvgChart.niceCeiling(0.18)).isEqualTo(0.2, within(1e-12));
    }

    private static ScenarioResult result(String target, double p99) {
        LoadOptions options = new LoadOptions();
        options.target = target;
        return new ScenarioResult(
                "fan-out",
                target,
                "2026-11-25T00:00:00Z",
                options,
                10,
                100,
                100,
                1000,
                1000,
                0,
                0,
                Map.of(),
                1,
                2,
                100,
                100,
                1000,
                1000,
                Map.of("p50", 1.0, "p90", 2.0, "p99", p99, "p99.9", 20.0, "max", 30.0),
                List.of(new double[] {0, 1.0}, new double[] {99, p99}),
                List.of(new Measurements.Sample(1, 100, 100, 1000, 1000, 12_000)),
                100,
                Map.of("p50", 1.0, "p99", 2.0),
                Map.of("publishers", 1),
                0,
                2_000_000_000L);
    }
}
