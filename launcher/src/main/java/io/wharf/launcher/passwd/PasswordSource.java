package io.wharf.launcher.passwd;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** Where {@code wharf passwd} reads the new password. */
public interface PasswordSource {

    /** The password, or empty when none was given (the two typed ones differed, or input ended). */
    Optional<byte[]> read() throws IOException;

    /** Typed at the console without echo, twice to confirm; from standard input when it is not a terminal. */
    static PasswordSource standard() {
        Console console = System.console();
        return console != null ? () -> typed(console) : () -> firstLine(System.in);
    }

    private static Optional<byte[]> typed(Console console) {
        char[] first = console.readPassword("Password: ");
        char[] again = first == null ? null : console.readPassword("Reenter password: ");
        try {
            if (first == null || again == null || !Arrays.equals(first, again)) {
                console.printf("The passwords differ.%n");
                return Optional.empty();
            }
            return Optional.of(utf8(first));
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }

    /** The first line of {@code in}, without its line end; empty if {@code in} holds nothing. */
    static Optional<byte[]> firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
            any = true;
        }
        if (!any && b == -1) {
            return Optional.empty();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return Optional.of(Arrays.copyOf(bytes, length));
    }

    private static byte[] utf8(char[] chars) {
        java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
