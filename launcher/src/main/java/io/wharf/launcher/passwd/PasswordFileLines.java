package io.wharf.launcher.passwd;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits the lines of a Mosquitto password file as {@code mosquitto_passwd} does: a user's line is
 * replaced where it stands or added at the end, or removed; every other line (comments, the
 * {@code # wharf-group} lines, other users) stays as it was.
 */
public final class PasswordFileLines {

    private PasswordFileLines() {}

    /** Why {@code user} cannot be a user of the file, if it cannot. */
    public static String problemWithUserName(String user) {
        if (user.isEmpty()) {
            return "the user name is empty";
        }
        if (user.contains(":")) {
            return "a user name cannot hold ':' (it separates the name from the hash in the file)";
        }
        if (user.startsWith("#")) {
            return "a user name cannot start with '#' (the line would be a comment)";
        }
        if (user.chars().anyMatch(c -> Character.isISOControl(c))) {
            return "a user name cannot hold control characters";
        }
        return null;
    }

    /** The lines with {@code user}'s hash set to {@code hash}: in place if the user was there, else last. */
    static List<String> withUser(List<String> lines, String user, String hash) {
        List<String> result = new ArrayList<>(lines);
        String entry = user + ":" + hash;
        for (int i = 0; i < result.size(); i++) {
            if (isUser(result.get(i), user)) {
                result.set(i, entry);
                return result;
            }
        }
        result.add(entry);
        return result;
    }

    /** The lines without {@code user}; the same lines if the user was not there. */
    static List<String> withoutUser(List<String> lines, String user) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            if (!isUser(line, user)) {
                result.add(line);
            }
        }
        return result;
    }

    static boolean hasUser(List<String> lines, String user) {
        return lines.stream().anyMatch(line -> isUser(line, user));
    }

    private static boolean isUser(String line, String user) {
        return line.startsWith(user + ":");
    }
}
