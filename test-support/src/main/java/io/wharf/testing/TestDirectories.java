package io.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh directories for test data under the module's {@code target/} folder. */
public final class TestDirectories {

    private TestDirectories() {}

    /** A new, empty directory whose name starts with {@code prefix}. */
    public static Path newDirectory(String prefix) {
        Path root = Path.of(System.getProperty("wharf.test.dir", "target/test-data"));
        try {
            Files.createDirectories(root);
            return Files.createTempDirectory(root.toAbsolutePath(), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a test directory under " + root, e);
        }
    }
}
