package io.wharf.launcher.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code Authorization} header the operator commands send: {@code Bearer} with the admin token
 * of {@code --token} or the environment, or {@code Basic} for {@code --user} with the password read
 * from the terminal without echo, or from standard input's first line when that is no terminal.
 */
final class AdminLogin {

    static final String TOKEN_VARIABLE = "WHARF_ADMIN_TOKEN";

    /** Reads the password of a user; null when none was given. */
    @FunctionalInterface
    interface PasswordReader {
        String read(String user) throws IOException;
    }

    private AdminLogin() {}

    /**
     * @param token the {@code --token} flag, or null
     * @param user the {@code --user} flag, or null
     * @return the header, or empty for no credentials (the laptop default needs none)
     * @throws IllegalArgumentException when both are given, or no password could be read
     */
    static Optional<String> authorization(
            String token, String user, Map<String, String> environment, PasswordReader passwords) throws IOException {
        if (token != null && user != null) {
            throw new IllegalArgumentException("give --token or --user, not both");
        }
        if (user != null) {
            String password = passwords.read(user);
            if (password == null) {
                throw new IllegalArgumentException(
                        "--user " + user + ": no password given (on standard input or typed)");
            }
            String pair = user + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        String fromEnvironment = environment.get(TOKEN_VARIABLE);
        String chosen = token != null ? token : fromEnvironment;
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of("Bearer " + chosen.trim());
    }

    /** Asks on the terminal without echo; else reads standard input's first line. */
    static String standardPassword(String user) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", user);
            return typed == null ? null : new String(typed);
        }
        return firstLine(System.in);
    }

    static String firstLine(InputStream in) throws IOException {
        // Not closed: standard input belongs to the process.
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return reader.readLine();
    }
}
