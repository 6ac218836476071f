package io.wharf.edge.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Mosquitto password file: one {@code user:hash} a line (see {@link PasswordHash}), blank lines
 * and {@code #} comments ignored. Groups, which Mosquitto's file has no place for, are comment lines
 * that Mosquitto and {@code mosquitto_passwd} leave alone:
 *
 * <pre>
 * # wharf-group operators: alice, bob
 * </pre>
 */
public final class PasswordFile {

    /** How a group line starts. */
    public static final String GROUP_PREFIX = "# wharf-group ";

    private final Map<String, PasswordHash> hashes;
    private final Map<String, Set<String>> groupsByUser;

    private PasswordFile(Map<String, PasswordHash> hashes, Map<String, Set<String>> groupsByUser) {
        this.hashes = Map.copyOf(hashes);
        this.groupsByUser = Map.copyOf(groupsByUser);
    }

    /** A file with no users. */
    public static PasswordFile empty() {
        return new PasswordFile(Map.of(), Map.of());
    }

    /** Users and their groups as they are held elsewhere (in Kafka); groups of unknown users are kept too. */
    public static PasswordFile of(Map<String, PasswordHash> hashes, Map<String, Set<String>> groupsByUser) {
        Map<String, Set<String>> groups = new HashMap<>();
        groupsByUser.forEach((user, names) -> groups.put(user, Set.copyOf(names)));
        return new PasswordFile(hashes, groups);
    }

    /**
     * @throws IllegalArgumentException naming the file, and the line of every problem in it
     */
    public static PasswordFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "the password file " + file.toAbsolutePath() + " cannot be read (" + e.getMessage() + ")");
        }
        return parse(lines, file.toString());
    }

    /**
     * @param source names the file in error messages
     * @throws IllegalArgumentException listing the line of every problem
     */
    public static PasswordFile parse(List<String> lines, String source) {
        Map<String, PasswordHash> hashes = new HashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripLineEnd(lines.get(i));
            int number = i + 1;
            if (line.startsWith(GROUP_PREFIX)) {
                readGroup(line.substring(GROUP_PREFIX.length()), number, groups, problems);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add("line " + number + " is not 'user:hash'");
                continue;
            }
            String user = line.substring(0, colon);
            try {
                if (hashes.put(user, PasswordHash.parse(line.substring(colon + 1))) != null) {
                    problems.add("line " + number + ": user '" + user + "' is in the file twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add("line " + number + " (user '" + user + "'): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the password file " + source + " has problems: "
                    + String.join("; ", problems)
                    + ". Write it with 'wharf passwd' or mosquitto_passwd.");
        }
        return new PasswordFile(hashes, groups);
    }

    /** The hash of {@code user}'s password, if the file has the user. */
    public Optional<PasswordHash> hashOf(String user) {
        return Optional.ofNullable(hashes.get(user));
    }

    /** The groups {@code user} is a member of, possibly none. */
    public Set<String> groupsOf(String user) {
        return groupsByUser.getOrDefault(user, Set.of());
    }

    /** Every user of the file. */
    public Set<String> userNames() {
        return hashes.keySet();
    }

    /** How many users the file has. */
    public int size() {
        return hashes.size();
    }

    /** The most iterations any user's hash needs, to judge whether a check may run on an event loop. */
    public int maxIterations() {
        return hashes.values().stream().mapToInt(PasswordHash::iterations).max().orElse(0);
    }

    private static void readGroup(String text, int number, Map<String, Set<String>> groups, List<String> problems) {
        int colon = text.indexOf(':');
        String group = colon < 0 ? "" : text.substring(0, colon).trim();
        if (group.isEmpty() || group.contains(" ")) {
            problems.add("line " + number + " is not '" + GROUP_PREFIX + "GROUP: user, user'");
            return;
        }
        for (String member : text.substring(colon + 1).split(",")) {
            if (!member.isBlank()) {
                groups.computeIfAbsent(member.trim(), user -> new LinkedHashSet<>())
                        .add(group);
            }
        }
    }

    private static String stripLineEnd(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
