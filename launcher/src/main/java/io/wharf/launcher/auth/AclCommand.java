package io.wharf.launcher.auth;

import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.AclFileException;
import io.wharf.edge.auth.cluster.AuthRecords;
import io.wharf.edge.kafka.auth.AuthTopicClient;
import io.wharf.schemas.auth.AuthKeys;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wharf acl}: the access rules of the whole cluster, in the auth topic every edge applies. */
@Command(
        name = "acl",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Adds, lists and removes the access rules every edge of the cluster applies.",
            "",
            "A rule is WHO [NAME] ACCESS TOPIC: WHO is user, client, group or certificate (each with a NAME), or"
                    + " anyone or anonymous; ACCESS is an access word of the ACL file (read, write, readwrite,"
                    + " subscribe, receive, publish, deny, deny-read, deny-write, deny-subscribe, deny-receive);"
                    + " TOPIC is a topic filter, in which %u stands for the user name and %c for the client id. Deny"
                    + " rules win; once a rule exists, what no rule allows is denied.",
            "",
            "The rules live in the Kafka topic <topic-prefix>auth, which the first edge seeded from its ACL file; every"
                    + " edge applies a change within a second, also to connected clients: a revoked read stops"
                    + " deliveries at once, and subscriptions no longer allowed are removed.",
            ""
        })
public final class AclCommand {

    private static final String RULE_USAGE = "a rule is WHO [NAME] ACCESS TOPIC, such as: user alice read 'sensors/#'";

    private AclCommand() {}

    /** {@code wharf acl} with its subcommands, reading Kafka's address from {@code environment} too. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return new CommandLine(new AclCommand())
                .addSubcommand(new Add(environment))
                .addSubcommand(new Remove(environment))
                .addSubcommand(new ListRules(environment));
    }

    /** What {@code add} and {@code remove} share: the rule of their arguments. */
    abstract static class RuleCommand extends AuthTopicCommand {

        @Parameters(arity = "3..4", paramLabel = "WHO [NAME] ACCESS TOPIC", description = "the rule")
        List<String> words;

        AccessRule rule;

        RuleCommand(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void check() {
            rule = parse(words);
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = "Adds an access rule.",
            footer = {
                "",
                "Examples:",
                "  wharf acl add user alice read 'sensors/#'",
                "  wharf acl add group operators readwrite 'devices/#'",
                "  wharf acl add anyone write 'devices/%u/telemetry'",
                "  wharf acl add anonymous deny '#'",
                "",
                AuthTopicCommand.EXIT_CODES
            })
    static final class Add extends RuleCommand {

        Add(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) {
            client.put(AuthRecords.rule(rule));
            out.println("Added the rule: " + text(rule));
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = "Removes an access rule, given as 'wharf acl list' shows it.",
            footer = {"", "Example:", "  wharf acl remove user alice read 'sensors/#'", "", AuthTopicCommand.EXIT_CODES
            })
    static final class Remove extends RuleCommand {

        Remove(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) {
            String key = AuthKeys.of(AuthRecords.rule(rule));
            boolean present = client.read().usersAndRules().stream().anyMatch(entry -> key.equals(AuthKeys.of(entry)));
            if (!present) {
                throw new NothingException("there is no rule " + text(rule) + " ('wharf acl list' shows the rules)");
            }
            client.remove(key);
            out.println("Removed the rule: " + text(rule));
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            usageHelpAutoWidth = true,
            description = "Lists the access rules, one a line, as 'wharf acl remove' takes them.",
            footer = {"", AuthTopicCommand.EXIT_CODES})
    static final class ListRules extends AuthTopicCommand {

        ListRules(Map<String, String> environment) {
            super(environment);
        }

        @Override
        void run(AuthTopicClient client, PrintWriter out) {
            List<AccessRule> rules = client.read().rules().rules();
            rules.forEach(rule -> out.println(text(rule)));
            if (rules.isEmpty()) {
                out.println("No rules: every client may publish and subscribe to every topic.");
            }
        }
    }

    /** A rule from its words, WHO [NAME] ACCESS TOPIC. */
    static AccessRule parse(List<String> words) {
        boolean named = words.size() == 4;
        try {
            return AclFile.rule(
                    words.get(0), named ? words.get(1) : "", words.get(words.size() - 2), words.get(words.size() - 1));
        } catch (AclFileException e) {
            throw new AuthTopicCommand.UsageException(e.getMessage() + ": " + RULE_USAGE);
        }
    }

    /** A rule as its words, quoted where a shell would split or expand them. */
    static String text(AccessRule rule) {
        String who = rule.who().kind().name().toLowerCase(Locale.ROOT);
        String name = rule.who().name().isEmpty() ? "" : " " + quoted(rule.who().name());
        return who + name + " " + AclFile.accessWord(rule) + " " + quoted(rule.topicPattern());
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9._/@=,:-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
