package io.wharf.loadtest;

import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.report.ReportFiles;
import io.wharf.loadtest.scenario.LoadOptions;
import io.wharf.loadtest.scenario.Scenario;
import io.wharf.loadtest.scenario.ScenarioResult;
import io.wharf.loadtest.scenario.Scenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one scenario against one running broker and writes its JSON and HTML report. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs one scenario against a running broker.")
final class RunCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            description =
                    "fan-in, fan-out, point-to-point, connection-storm, persistent-reconnect, kafka-to-mqtt or kafka-raw")
    String scenarioName;

    @Mixin
    LoadOptions options;

    @Option(names = "--out", description = "Directory for the report (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("load-report");

    @Override
    public Integer call() {
        Scenario scenario = Scenarios.named(scenarioName);
        List<String> problems = options.problems();
        if (scenario == null) {
            problems = new ArrayList<>(problems);
            problems.add("unknown scenario " + scenarioName + "; one of " + Scenarios.names());
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("error: " + problem));
            return 2;
        }
        ScenarioResult result;
        try (LoadClients clients = new LoadClients(options.threads, options.window)) {
            result = scenario.run(options, clients);
        }
        Path html = ReportFiles.write(
                out, scenarioName, scenarioName + " against " + options.target, result, "", List.of(result));
        System.out.println(Summary.line(result));
        System.out.println("Report: " + html.toAbsolutePath());
        return result.missing() == 0 && result.errors().isEmpty() ? 0 : 1;
    }
}
