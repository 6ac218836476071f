package io.wharf.launcher.passwd;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.PasswordHash;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wharf passwd}: adds, changes or deletes a user of a Mosquitto password file. */
@Command(
        name = "passwd",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Adds a user to a password file, or changes the user's password; with -D deletes the user.",
            "",
            "The password is read without echo from the console (typed twice), or as the first line of standard input"
                    + " when that is not a terminal. It is stored as PBKDF2-SHA512 with a fresh random salt, in the $7$"
                    + " format of mosquitto_passwd, so Mosquitto reads the file too, and Wharf reads files"
                    + " mosquitto_passwd wrote. Other lines stay as they are, among them group lines such as"
                    + " '# wharf-group operators: alice, bob'.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  wharf passwd /etc/wharf/passwords alice",
            "  printf '%s\\n' \"$PASSWORD\" | wharf passwd /etc/wharf/passwords sensor-17",
            "  wharf passwd -D /etc/wharf/passwords alice",
            "",
            "Exit codes: 0 done; 1 the file could not be read or written, or the user is not there to delete; 2 wrong"
                    + " options or no password."
        })
public final class PasswdCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private final PasswordSource passwords;

    @Spec
    private CommandSpec spec;

    @Option(names = "-D", description = "delete the user instead of setting a password")
    private boolean delete;

    @Option(
            names = "--iterations",
            paramLabel = "<count>",
            description =
                    "PBKDF2 iterations (default: ${DEFAULT-VALUE}, as mosquitto_passwd; above 1000 Wharf checks the"
                            + " password off its network threads)")
    private int iterations = PasswordHash.DEFAULT_ITERATIONS;

    @Parameters(index = "0", paramLabel = "FILE", description = "the password file (created if it does not exist)")
    private Path file;

    @Parameters(index = "1", paramLabel = "USER", description = "the user name")
    private String user;

    public PasswdCommand() {
        this(PasswordSource.standard());
    }

    PasswdCommand(PasswordSource passwords) {
        this.passwords = passwords;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        String problem = PasswordFileLines.problemWithUserName(user);
        if (problem != null) {
            return fail(err, EXIT_USAGE, problem);
        }
        if (iterations < 1 || iterations > 10_000_000) {
            return fail(err, EXIT_USAGE, "--iterations must be from 1 to 10000000");
        }
        try {
            List<String> lines =
                    Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
            if (delete) {
                if (!PasswordFileLines.hasUser(lines, user)) {
                    return fail(err, EXIT_FAILED, "user '" + user + "' is not in " + file);
                }
                write(PasswordFileLines.withoutUser(lines, user));
                out.println("Deleted user '" + user + "' from " + file);
                out.flush();
                return EXIT_OK;
            }
            Optional<byte[]> password = passwords.read();
            if (password.isEmpty() || password.get().length == 0) {
                return fail(err, EXIT_USAGE, "no password given: nothing changed");
            }
            String hash = PasswordHash.pbkdf2(password.get(), iterations, new SecureRandom())
                    .encoded();
            List<String> changed = PasswordFileLines.withUser(lines, user, hash);
            PasswordFile.parse(changed, file.toString()); // never write a file Wharf would refuse to start with
            write(changed);
            out.println((PasswordFileLines.hasUser(lines, user) ? "Changed the password of '" : "Added user '") + user
                    + "' to " + file);
            out.flush();
            return EXIT_OK;
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, EXIT_FAILED, "cannot update " + file + ": " + e.getMessage());
        }
    }

    /** Writes a new file beside the old one and moves it in place, readable by its owner only. */
    private void write(List<String> lines) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".wharf-passwd.tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the permissions it was created with
        }
        try {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static int fail(PrintWriter err, int exit, String message) {
        err.println("wharf passwd: " + message);
        err.flush();
        return exit;
    }
}
