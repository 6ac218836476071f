package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WharfCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new WharfCommand(Map.of()).commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void helpExplainsEveryOptionWithItsDefaultAndEnvironmentVariable() {
        assertThat(run("--help")).isZero();

        for (Setting setting : Setting.values()) {
            assertThat(out.toString()).contains(setting.flag()).contains(setting.environmentVariable());
        }
        assertThat(out.toString()).contains("default 1883");
    }

    @Test
    void anUnknownOptionExitsWithTwoAndSaysSo() {
        assertThat(run("--mqtt-prot", "1883")).isEqualTo(2);

        assertThat(err.toString())
                .contains("Unknown options: '--mqtt-prot'")
                .contains("--mqtt-port")
                .contains("wharf --help");
    }

    @Test
    void aWrongValueExitsWithTwoAndNamesTheFix() {
        assertThat(run("--mqtt-port", "abc")).isEqualTo(2);

        assertThat(err.toString()).contains("--mqtt-port 'abc' is not a port").contains("wharf --help");
    }
}
