package io.wharf.loadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The results section of {@code BENCHMARKS.md}: written between two marker comments, so that a new
 * run replaces the figures and leaves the prose around them alone.
 */
final class BenchMarkdown {

    static final String BEGIN = "<!-- bench-results:begin -->";
    static final String END = "<!-- bench-results:end -->";

    private BenchMarkdown() {}

    static String section(BenchReport report) {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n");
        md.append("Command: `").append(report.command()).append("`  \n");
        md.append("Date: ").append(report.date()).append("  \n");
        md.append("Machine: ").append(report.machine()).append("  \n");
        md.append("Load: ")
                .append(report.load())
                .append(" (the brokers and the load generator alone make up to about 2)\n\n");
        md.append("### Targets\n\n")
                .append(BenchTables.markdown(BenchTables.targets(report)))
                .append("\n");
        md.append("### Wharf against its peers\n\n");
        md.append(
                "Throughput rows: higher is better except where the metric says otherwise. Ratio columns are Wharf's figure divided by the peer's. ");
        md.append("`kafka` is the raw Kafka client against Wharf's own embedded broker.\n\n");
        md.append(BenchTables.markdown(BenchTables.ratios(report))).append("\n");
        md.append("### Memory per idle connection\n\n")
                .append(BenchTables.markdown(BenchTables.memory(report)))
                .append("\n");
        md.append("### Runs\n\n| run | settings |\n| --- | --- |\n");
        report.steps().stream()
                .map(step -> "| " + step.label() + " | " + step.description() + " |\n")
                .distinct()
                .forEach(md::append);
        if (!report.problems().isEmpty()) {
            md.append("\n### Problems in the run\n\n");
            report.problems().forEach(problem -> md.append("- ").append(problem).append('\n'));
        }
        md.append('\n').append(END).append('\n');
        return md.toString();
    }

    /** Replaces the section between the markers of {@code file}, or appends it if there is none. */
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
        } catch (IOException e) {
            throw new UncheckedIOException("could not update " + file, e);
        }
    }
}
