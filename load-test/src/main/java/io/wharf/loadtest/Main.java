package io.wharf.loadtest;

import io.wharf.loadtest.bench.BenchCommand;
import io.wharf.loadtest.edges.EdgesCommand;
import io.wharf.loadtest.scaleout.ScaleOutCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The load generator's command line: {@code run SCENARIO} against one broker, {@code bench}, {@code scale-out}, or {@code edges}. */
@Command(
        name = "wharf-load",
        mixinStandardHelpOptions = true,
        description = "MQTT load generator and benchmark for Wharf.",
        subcommands = {RunCommand.class, BenchCommand.class, ScaleOutCommand.class, EdgesCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
