package io.wharf.launcher.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.launcher.ConfigException;
import io.wharf.launcher.ConfigResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any bytes as the config file: the launcher either reads a config from them or refuses them with a
 * {@link ConfigException} that says what is wrong, never with another exception. Kept inputs are
 * YAML files. The data directory comes from the environment (which wins over the file), so that
 * no input makes the resolver create directories where it names.
 */
class ConfigFileFuzzTest {

    private static final Path DIR = temporaryDirectory();
    private static final Path FILE = DIR.resolve("wharf.yaml");
    private static final Map<String, String> ENVIRONMENT =
            Map.of("WHARF_DATA_DIR", DIR.resolve("data").toString());

    @FuzzTest(maxDuration = "10m")
    void configFiles(byte[] yaml) throws IOException {
        Files.write(FILE, yaml);
        try {
            assertThat(ConfigResolver.fromFile(FILE.toString(), ENVIRONMENT)).isNotNull();
        } catch (IllegalArgumentException refused) {
            // fromFile's way of passing on a ConfigException; anything else thrown is a finding
            if (!(refused.getCause() instanceof ConfigException)) {
                throw refused;
            }
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("wharf-config-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
