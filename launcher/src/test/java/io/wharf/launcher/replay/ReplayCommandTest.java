package io.wharf.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplayCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ReplayCommand(Map.of(), false));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void helpExplainsTheRangeTheFilterTheTargetsAndTheExitCodes() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString())
                .contains(
                        "--from",
                        "--until",
                        "--filter",
                        "--to",
                        "--kafka",
                        "--topic-prefix",
                        "--config",
                        "--pace",
                        "--qos")
                .contains("mqtt://host:port", "kafka:<topic>")
                .contains("WHARF_KAFKA")
                .contains("Exit codes");
    }

    @Test
    void wrongOptionsExitWithTwoAndSayHowToFixThem() {
        assertThat(run("--from", "last tuesday", "--filter", "sensors/#", "--to", "mqtt://localhost:1883"))
                .isEqualTo(2);

        assertThat(err.toString())
                .contains("--from 'last tuesday' is not an ISO-8601 instant")
                .contains("wharf replay --help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingConfigFileExitsWithTwoAndNamesIt() {
        assertThat(run(
                        "--config",
                        "/nowhere/wharf.yml",
                        "--from",
                        "2026-01-31T08:00:00Z",
                        "--filter",
                        "#",
                        "--to",
                        "kafka:copy"))
                .isEqualTo(2);

        assertThat(err.toString()).contains("/nowhere/wharf.yml").contains("--config");
    }

    @Test
    void anUnreachableKafkaExitsWithOneAndSaysWhatToCheck() {
        int exit = run(
                "--from",
                "2026-01-31T08:00:00Z",
                "--filter",
                "#",
                "--to",
                "kafka:copy",
                "--kafka",
                "127.0.0.1:1",
                "--connect-timeout",
                "2");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("Kafka at 127.0.0.1:1 did not answer within 2 s")
                .contains("--kafka");
        assertThat(out.toString())
                .as("no summary of a replay that never started")
                .isEmpty();
    }
}
