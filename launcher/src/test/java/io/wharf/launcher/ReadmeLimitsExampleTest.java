package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.limits.LimitSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production profile of README's "Limits" section is one Wharf accepts, meaning what it says. */
class ReadmeLimitsExampleTest {

    @TempDir
    Path dir;

    @Test
    void theProductionProfileOfTheLimitsIsAValidConfig() throws IOException {
        Path file = Files.writeString(dir.resolve("limits.yaml"), limitsExample());

        LimitSettings limits = ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of())
                .protocol()
                .limits();

        assertThat(limits).isEqualTo(new LimitSettings(50_000, 20, 100, 1024, 16, 100, 1_048_576, 65_536, 67_108_864));
    }

    /** The first YAML block under README's "### Limits" heading. */
    private static String limitsExample() throws IOException {
        String text = Files.readString(Path.of("..", "README.md"));
        int section = text.indexOf("\n### Limits\n");
        assertThat(section).as("README.md has a Limits section").isPositive();
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        return text.substring(start, text.indexOf("```", start));
    }
}
