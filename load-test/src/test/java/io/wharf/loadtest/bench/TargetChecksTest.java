package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetChecksTest {

    private static Spread median(double value) {
        return new Spread(value, value * 0.9, value * 1.1, 3);
    }

    @Test
    void aRateAboveTheLimitIsMetBySoMuch() {
        TargetChecks.Check check = TargetChecks.check("fan-out", median(120), "best peer", 100.0, 1.0, true);

        assertThat(check.verdict()).isEqualTo("met (20% above the limit)");
        assertThat(check.score()).isEqualTo(1.2);
    }

    @Test
    void aRateBelowAFractionOfItsReferenceIsMissedWithTheFactorToGo() {
        TargetChecks.Check check = TargetChecks.check("ingest", median(35), "raw Kafka", 100.0, 0.7, true);

        assertThat(check.limit()).isEqualTo("70.00");
        assertThat(check.verdict()).isEqualTo("MISSED by 50% (below the limit, 2.00× off)");
    }

    @Test
    void aLatencyAboveItsLimitIsMissedAndOneBelowIsMet() {
        assertThat(TargetChecks.check("p99", median(30), "", 10.0, 1.0, false).verdict())
                .isEqualTo("MISSED by 200% (above the limit, 3.00× off)");
        assertThat(TargetChecks.check("p99", median(4), "", 5.0, 1.0, false).verdict())
                .isEqualTo("met (20% below the limit)");
    }

    @Test
    void aFigureThatWasNotMeasuredHasNoVerdict() {
        TargetChecks.Check check = TargetChecks.check("idle", null, "", 2.0, 1.0, false);

        assertThat(check.verdict()).isEqualTo("not measured in this run");
        assertThat(check.score()).isNull();
    }

    @Test
    void aRunWithoutFiguresListsEveryTargetOfTheIssueAsNotMeasured() {
        BenchReport empty = new BenchReport(
                "load-test/bench",
                "machine",
                "load",
                "date",
                List.of("wharf"),
                3,
                true,
                java.util.Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        List<TargetChecks.Check> checks = TargetChecks.of(empty);

        assertThat(checks)
                .hasSize(14)
                .allSatisfy(check -> assertThat(check.score()).isNull());
        assertThat(BenchChart.svg(checks, "date")).startsWith("<svg").contains("not measured");
    }
}
