package io.wharf.launcher.auth;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.cluster.AuthContents;
import io.wharf.edge.auth.cluster.AuthRecords;
import io.wharf.edge.kafka.auth.AuthTopicClient;
import io.wharf.launcher.passwd.PasswordFileLines;
import io.wharf.launcher.passwd.PasswordSource;
import io.wharf.schemas.auth.AuthKeys;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf user}: the users of the whole cluster, in the auth topic every edge applies. */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Adds, changes, lists and removes the users every edge of the cluster lets in.",
            "",
            "The users live in the Kafka topic <topic-prefix>auth, which the first edge seeded from its password file;"
                    + " every edge applies a change within a second, also to connected clients: a removed user, or one"
                    + " whose password changed, is disconnected (MQTT 5: DISCONNECT 0x87 Not authorized), and a user"
                    + " moved to other groups is held to their rules at once.",
            ""
        })
public final class UserCommand {

    private UserCommand() {}

    /** {@code wharf user} with its subcommands, reading Kafka's address from {@code environment} too. */
    public static CommandLine commandLine(Map<String, String> environment, PasswordSource passwords) {
        return new CommandLine(new UserCommand())
                .addSubcommand(new Add(environment, passwords))
                .addSubcommand(new Groups(environment))
                .addSubcommand(new Remove(environment))
                .addSubcommand(new ListUsers(environment));
    }

    /** {@code wharf user add USER [--group G]...}: adds a user or changes the password. */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = {
                "Adds a user, or changes the password (and with --group the groups) of one.",
                "The password is read without echo from the console (typed twice), or as the first line of standard"
                        + " input when that is not a terminal, and stored as PBKDF2-SHA512 with a fresh salt."
            },
            footer = {
                "",
                "Examples:",
                "  wharf user add alice --group operators --kafka kafka1:9092",
                "  printf '%s\\n' \"$PASSWORD\" | wharf user add sensor-17 --config /etc/wharf/wharf.yaml",
                "",
                AuthTopicCommand.EXIT_CODES
            })
    static final class Add extends AuthTopicCommand {

        private final PasswordSource passwords;

        @Parameters(index = "0", paramLabel = "USER", description = "the user name")
        String user;

        @Option(
                names = "--group",
                paramLabel = "<group>",
                description = "a group of the user (repeat for more); without it a known user keeps their groups")
        List<String> groups;

        @Option(
                names = "--iterations",
                paramLabel = "<count>",
                description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}, as mosquitto_passwd)")
        int iterations = PasswordHash.DEFAULT_ITERATIONS;

        Add(Map<String, String> environment, PasswordSource passwords) {
            super(environment);
            this.passwords = passwords;
        }

        @Override
        void check() {
            checkUserName(user);
            if (iterations < 1 || iterations > 10_000_000) {
                throw new UsageException("--iterations must be from 1 to 10000000");
            }
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) throws Exception {
            PasswordFile users = client.read().users();
            boolean known = users.hashOf(user).isPresent();
            Optional<byte[]> password = passwords.read();
            if (password.isEmpty() || password.get().length == 0) {
                throw new UsageException("no password given: nothing changed");
            }
            String hash = PasswordHash.pbkdf2(password.get(), iterations, new SecureRandom())
                    .encoded();
            Set<String> kept = groups == null ? users.groupsOf(user) : new LinkedHashSet<>(groups);
            client.put(AuthRecords.user(user, hash, kept));
            out.println((known ? "Changed the password of '" : "Added user '") + user + "'" + groupsText(kept));
        }
    }

    /** {@code wharf user groups USER [GROUP]...}: sets a user's groups, keeping the password. */
    @Command(
            name = "groups",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = "Sets the groups of a user (none when no group is given); the password stays.",
            footer = {"", "Example:", "  wharf user groups alice operators readers", "", AuthTopicCommand.EXIT_CODES})
    static final class Groups extends AuthTopicCommand {

        @Parameters(index = "0", paramLabel = "USER", description = "the user name")
        String user;

        @Parameters(index = "1..*", paramLabel = "GROUP", description = "the user's groups from now on")
        List<String> groups = List.of();

        Groups(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) {
            PasswordFile users = client.read().users();
            PasswordHash hash = users.hashOf(user)
                    .orElseThrow(() ->
                            new NothingException("there is no user '" + user + "' (add one with 'wharf user add')"));
            Set<String> replacement = new LinkedHashSet<>(groups);
            client.put(AuthRecords.user(user, hash.encoded(), replacement));
            out.println("User '" + user + "'" + groupsText(replacement));
        }
    }

    /** {@code wharf user remove USER}. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = "Removes a user; clients connected as the user are disconnected on every edge.",
            footer = {"", "Example:", "  wharf user remove alice", "", AuthTopicCommand.EXIT_CODES})
    static final class Remove extends AuthTopicCommand {

        @Parameters(index = "0", paramLabel = "USER", description = "the user name")
        String user;

        Remove(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) {
            if (client.read().users().hashOf(user).isEmpty()) {
                throw new NothingException("there is no user '" + user + "'");
            }
            client.remove(AuthKeys.user(user));
            out.println("Removed user '" + user + "'");
        }
    }

    /** {@code wharf user list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = "Lists the users and their groups (never a password or its hash).",
            footer = {"", AuthTopicCommand.EXIT_CODES})
    static final class ListUsers extends AuthTopicCommand {

        ListUsers(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) {
            AuthContents contents = client.read();
            PasswordFile users = contents.users();
            for (String user : new TreeSet<>(users.userNames())) {
                out.println(user + groupsText(users.groupsOf(user)));
            }
            if (users.size() == 0) {
                out.println(
                        contents.wasSeeded()
                                ? "No users."
                                : "No users: no edge has seeded the auth topic from a password file.");
            }
        }
    }

    static void checkUserName(String user) {
        String problem = PasswordFileLines.problemWithUserName(user);
        if (problem != null) {
            throw new AuthTopicCommand.UsageException(problem);
        }
    }

    private static String groupsText(Set<String> groups) {
        return groups.isEmpty() ? "" : " (groups: " + String.join(", ", new TreeSet<>(groups)) + ")";
    }
}
