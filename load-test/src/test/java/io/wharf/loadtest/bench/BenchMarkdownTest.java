package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMarkdownTest {

    @Test
    void anUpdateReplacesOnlyTheGeneratedSectionAndWritesTheChartNextToTheFile(@TempDir Path directory)
            throws Exception {
        Path markdown = directory.resolve("BENCHMARKS.md");
        Files.writeString(
                markdown,
                "# Benchmarks\n\nProfile notes before.\n\n" + BenchMarkdown.BEGIN + "\nold figures\n"
                        + BenchMarkdown.END + "\n\nProfile notes after.\n");
        BenchReport report = new BenchReport(
                "load-test/bench --update BENCHMARKS.md",
                "AMD EPYC, nproc 2, 24 GiB RAM",
                "load",
                "2026-12-02T00:00:00Z",
                List.of("wharf", "mosquitto"),
                3,
                true,
                Map.of("mosquitto", "memory only"),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        BenchMarkdown.update(markdown, report);

        String updated = Files.readString(markdown);
        assertThat(updated)
                .contains(
                        "Profile notes before.",
                        "Profile notes after.",
                        "Command: `load-test/bench --update BENCHMARKS.md`",
                        "Machine: AMD EPYC, nproc 2, 24 GiB RAM",
                        "Date: 2026-12-02T00:00:00Z",
                        "a discarded warm-up, then 3 rounds of every step",
                        "![Wharf against the targets](bench-results.svg)",
                        "| mosquitto | memory only |",
                        "| heap per idle connection ≤ 2.5 KiB (largest reading) |")
                .doesNotContain("old figures");
        assertThat(updated.indexOf("Profile notes after.")).isGreaterThan(updated.indexOf(BenchMarkdown.END));
        assertThat(directory.resolve(BenchMarkdown.CHART)).content().startsWith("<svg");
    }
}
