package io.wharf.launcher.passwd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.auth.PasswordFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wharf passwd}: what it writes, keeps and deletes, and what it refuses. */
class PasswdCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @Test
    void addsAUserWhosePasswordTheFileThenChecksWithAFreshSaltEachTime() throws IOException {
        Path file = dir.resolve("passwords");
        assertThat(run(Optional.of("s3cret"), file.toString(), "alice")).isZero();
        assertThat(run(Optional.of("s3cret"), file.toString(), "bob")).isZero();

        PasswordFile read = PasswordFile.read(file);
        assertThat(read.hashOf("alice").orElseThrow().matches("s3cret".getBytes(UTF_8)))
                .isTrue();
        assertThat(read.hashOf("alice").orElseThrow().encoded()).startsWith("$7$101$");
        assertThat(read.hashOf("alice").orElseThrow().encoded())
                .isNotEqualTo(read.hashOf("bob").orElseThrow().encoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void changingAPasswordKeepsEveryOtherLineWhereItWas() throws IOException {
        Path file = dir.resolve("passwords");
        run(Optional.of("first"), file.toString(), "alice");
        Files.writeString(
                file,
                "# wharf-group operators: alice\nbob:$6$c2FsdA==$aGFzaA==\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(run(Optional.of("second"), file.toString(), "alice")).isZero();

        assertThat(Files.readAllLines(file))
                .hasSize(3)
                .endsWith("# wharf-group operators: alice", "bob:$6$c2FsdA==$aGFzaA==");
        PasswordFile read = PasswordFile.read(file);
        assertThat(read.hashOf("alice").orElseThrow().matches("second".getBytes(UTF_8)))
                .isTrue();
        assertThat(read.groupsOf("alice")).containsExactly("operators");
    }

    @Test
    void minusDDeletesTheUserAndFailsForOneNotThere() throws IOException {
        Path file = dir.resolve("passwords");
        run(Optional.of("pw"), file.toString(), "alice");
        run(Optional.of("pw"), file.toString(), "bob");
        assertThat(run(Optional.empty(), "-D", file.toString(), "alice")).isZero();
        assertThat(PasswordFile.read(file).hashOf("alice")).isEmpty();
        assertThat(PasswordFile.read(file).hashOf("bob")).isPresent();
        assertThat(run(Optional.empty(), "-D", file.toString(), "alice")).isEqualTo(PasswdCommand.EXIT_FAILED);
        assertThat(err.toString()).contains("user 'alice' is not in");
    }

    @Test
    void noPasswordOrAUserNameWithAColonChangesNothing() {
        Path file = dir.resolve("passwords");
        assertThat(run(Optional.empty(), file.toString(), "alice")).isEqualTo(PasswdCommand.EXIT_USAGE);
        assertThat(run(Optional.of(""), file.toString(), "alice")).isEqualTo(PasswdCommand.EXIT_USAGE);
        assertThat(run(Optional.of("pw"), file.toString(), "al:ice")).isEqualTo(PasswdCommand.EXIT_USAGE);
        assertThat(file).doesNotExist();
        assertThat(err.toString()).contains("no password given").contains("cannot hold ':'");
    }

    @Test
    void thePasswordFromStandardInputIsItsFirstLineWithoutTheLineEnd() throws IOException {
        assertThat(PasswordSource.firstLine(new ByteArrayInputStream("pa ss\r\nrest\n".getBytes(UTF_8))))
                .hasValueSatisfying(
                        bytes -> assertThat(new String(bytes, UTF_8)).isEqualTo("pa ss"));
        assertThat(PasswordSource.firstLine(new ByteArrayInputStream("no newline".getBytes(UTF_8))))
                .hasValueSatisfying(
                        bytes -> assertThat(new String(bytes, UTF_8)).isEqualTo("no newline"));
        assertThat(PasswordSource.firstLine(new ByteArrayInputStream(new byte[0])))
                .isEmpty();
    }

    private int run(Optional<String> password, String... args) {
        CommandLine commandLine = new CommandLine(new PasswdCommand(() -> password.map(text -> text.getBytes(UTF_8))));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }
}
