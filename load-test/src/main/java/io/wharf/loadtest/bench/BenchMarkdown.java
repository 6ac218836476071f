package io.wharf.loadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The results section of {@code BENCHMARKS.md}: written between two marker comments, so that a new
 * run replaces the figures and leaves the prose around them alone, with its picture ({@link
 * #CHART}) written next to the file.
 */
final class BenchMarkdown {

    static final String BEGIN = "<!-- bench-results:begin -->";
    static final String END = "<!-- bench-results:end -->";
    /** The chart of the targets, next to the Markdown file. */
    static final String CHART = "bench-results.svg";

    private BenchMarkdown() {}

    static String section(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n");
        md.append(
                "Written by `load-test/bench --update`: everything up to the end marker is replaced by the next run.\n\n");
        md.append("Command: `").append(report.command()).append("`  \n");
        md.append("Date: ").append(report.date()).append("  \n");
        md.append("Machine: ").append(report.machine()).append("  \n");
        md.append("Load: ")
                .append(report.load())
                .append(" (the brokers and the load generator alone make up to about 2)  \n");
        md.append("Rounds: ").append(rounds(report)).append("\n\n");
        md.append("![Wharf against the targets](").append(CHART).append(")\n\n");
        md.append("### Targets\n\n")
                .append(BenchTables.markdown(TargetChecks.table(report)))
                .append("\n");
        md.append("### What each target guarantees\n\n")
                .append(BenchTables.markdown(BenchTables.guarantees(report)))
                .append("\n");
        md.append("### Wharf against its peers\n\n");
        md.append("Each figure is the median of the rounds, the lowest and highest round in brackets. Throughput rows:"
                + " higher is better except where the metric says otherwise. Ratio columns are Wharf's median divided"
                + " by the peer's. `kafka` is the raw Kafka client against Wharf's own embedded broker. CPU is the"
                + " broker process's user and system time (`/proc/<pid>/stat`; for Wharf the whole process: edge,"
                + " embedded Kafka and router) over the load window, divided by the messages delivered (or"
                + " acknowledged where nothing is delivered; connections in the storm).\n\n");
        md.append(BenchTables.markdown(BenchTables.ratios(report))).append("\n");
        md.append("### CPU with no traffic\n\n")
                .append(BenchTables.markdown(BenchTables.idleCpu(report)))
                .append("\n");
        md.append("### Memory per idle connection\n\n")
                .append(BenchTables.markdown(BenchTables.memory(report)))
                .append("\n");
        md.append("### Runs\n\n").append(BenchTables.markdown(BenchTables.runs(report)));
        if (!report.problems().isEmpty()) {
            md.append("\n### Problems in the run\n\n");
            report.problems().forEach(problem -> md.append("- ").append(problem).append('\n'));
        }
        md.append('\n').append(END).append('\n');
        return md.toString();
    }

    static String rounds(BenchReport report) {
        return rounds(report.rounds(), report.warmUp());
    }

    static String rounds(int rounds, boolean warmUp) {
        return (warmUp ? "a discarded warm-up, then " : "no warm-up, ")
                + rounds
                + (rounds == 1 ? " round" : " rounds")
                + " of every step";
    }

    /**
     * Replaces the section between the markers of {@code file}, or appends it if there is none, and
     * writes the chart next to it.
     */
    static void update(Path file, BenchReport report) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            String section = section(report);
            String updated = begin >= 0 && end > begin
                    ? text.substring(0, begin)
                            + section
                            + text.substring(end + END.length() + (text.startsWith("\n", end + END.length()) ? 1 : 0))
                    : text + "\n" + section;
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            Path directory = file.toAbsolutePath().getParent();
            Files.writeString(directory.resolve(CHART), chart(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not update " + file, e);
        }
    }

    static String chart(BenchReport report) {
        return BenchChart.svg(TargetChecks.of(report), report.date() + ", " + rounds(report) + ", " + report.load());
    }
}
