package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed mapping of README's "Typed payloads" section is one Wharf accepts, meaning what it says. */
class ReadmeTypedPayloadsExampleTest {

    @TempDir
    Path dir;

    @Test
    void theTypedMappingIsAValidConfig() throws IOException {
        Path schema = Files.writeString(
                dir.resolve("telemetry.avsc"),
                "{\"type\": \"record\", \"name\": \"Telemetry\", \"fields\": [{\"name\": \"temperature\", \"type\": \"double\"}]}");
        Path file = Files.writeString(dir.resolve("wharf.yaml"), typedExample());

        MappingRule rule = ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of())
                .mapping()
                .get(0);

        assertThat(rule.filter().text()).isEqualTo("devices/+/telemetry");
        assertThat(rule.keyLevels()).isEqualTo(2);
        assertThat(rule.payload())
                .isEqualTo(new PayloadRule(
                        PayloadRule.Format.AVRO,
                        schema.toAbsolutePath().toString(),
                        null,
                        PayloadRule.Invalid.DEAD_LETTER));
    }

    /** The first YAML block under README's "### Typed payloads" heading. */
    private static String typedExample() throws IOException {
        String text = Files.readString(Path.of("..", "README.md"));
        int section = text.indexOf("\n### Typed payloads\n");
        assertThat(section).as("README.md has a Typed payloads section").isPositive();
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        return text.substring(start, text.indexOf("```", start));
    }
}
