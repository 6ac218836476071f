package io.wharf.loadtest.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleOutReportTest {

    private static final long MIB = 1024 * 1024;

    private static EdgeFigures edge(String nodeId, long held, long idleRss, long loadedRss) {
        return new EdgeFigures(nodeId, 1_000, held, idleRss, loadedRss, 50 * MIB, 50 * MIB + held * 2048, 1.5, 0.5);
    }

    private static ScaleOutResult result(long received, long failures, List<EdgeFigures> edges) {
        return new ScaleOutResult(
                "2026-12-02T00:00:00Z",
                "a test machine",
                2_000,
                2,
                2,
                2_000 - failures,
                failures,
                7,
                4.0,
                10_000,
                10_500,
                12_000,
                2_000,
                received,
                0,
                3.0,
                edges,
                Map.of());
    }

    @Test
    void memoryPerConnectionIsWhatTheEdgeGrewAboveIdleDividedByTheConnectionsItHolds() {
        EdgeFigures figures = edge("edge-1", 1_000, 200 * MIB, 200 * MIB + 40 * 1024 * 1000);

        assertThat(figures.rssBytesPerConnection()).isEqualTo(40 * 1024.0);
        assertThat(figures.heapBytesPerConnection()).isEqualTo(2048.0);
        assertThat(edge("edge-2", 0, MIB, 2 * MIB).rssBytesPerConnection()).isNaN();
    }

    @Test
    void connectRateAndDeliveryTimesComeFromTheWallClockMarks() {
        ScaleOutResult result = result(2_000, 0, List.of(edge("edge-1", 1_000, MIB, 2 * MIB)));

        assertThat(result.connectsPerSecond()).isEqualTo(500.0);
        assertThat(result.deliverySecondsFromFirstWrite()).isEqualTo(2.0);
        assertThat(result.deliverySecondsFromLastWrite()).isEqualTo(1.5);
        assertThat(ScaleOutResult.secondsBetween(0, 5)).isNaN();
    }

    @Test
    void aRunIsCompleteOnlyWhenEveryConnectionGotItsMessageAndNoneFailedToConnect() {
        List<EdgeFigures> edges = List.of(edge("edge-1", 1_000, MIB, 2 * MIB), edge("edge-2", 1_000, MIB, 2 * MIB));

        assertThat(result(2_000, 0, edges).complete()).isTrue();
        assertThat(result(1_999, 0, edges).complete()).isFalse();
        assertThat(result(1_999, 0, edges).missing()).isEqualTo(1);
        assertThat(result(2_000, 1, edges).complete()).isFalse();
    }

    @Test
    void theMarkdownHasARowPerEdgeAndTheirSum() {
        String markdown = ScaleOutMarkdown.render(result(
                2_000,
                0,
                List.of(edge("edge-1", 1_000, MIB, MIB + 40 * 1024 * 1000), edge("edge-2", 1_000, MIB, 2 * MIB))));

        assertThat(markdown)
                .contains(
                        "| edge-1 | 1,000 | 40.0 | 2.0 | 1.50 | 0.50 |",
                        "| edge-2 | 1,000 | 1.0 | 2.0 |",
                        "| all | 2,000 |",
                        "| connects/s | 500 |",
                        "| connected and subscribed | 2,000 (0 failed; 7 attempts refused and tried again) |",
                        "| messages received / expected | 2,000 / 2,000 (0 duplicates) |");
    }

    @Test
    void theChartHasALinePerEdge() {
        String svg = ScaleOutCommand.chart(Map.of(
                "edge-1", List.of(new double[] {0, 0}, new double[] {1, 500}),
                "edge-2", List.of(new double[] {0, 0}, new double[] {1, 480})));

        assertThat(svg).startsWith("<svg").contains("edge-1", "edge-2");
    }
}
