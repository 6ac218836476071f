package io.wharf.edge.auth.acl;

import io.wharf.schemas.topic.InvalidTopicException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an ACL file: Mosquitto's format unchanged, and Wharf's additions.
 *
 * <pre>
 * # a comment
 * topic [read|write|readwrite|deny] TOPIC     rules for clients without a user name, until a scope line
 * user NAME                                   the rules below are for this user
 * topic [ACCESS] TOPIC
 * pattern [read|write|readwrite|deny] TOPIC   for every client, wherever it stands; %u user name, %c client id
 * </pre>
 *
 * Wharf adds the scope lines {@code client ID}, {@code group NAME}, {@code certificate IDENTITY} and
 * {@code anyone}, and the access words {@code subscribe} and {@code receive} (read is both),
 * {@code publish} (as write), and {@code deny-read}, {@code deny-write}, {@code deny-subscribe},
 * {@code deny-receive} ({@code deny} denies all). A missing access word means readwrite, as in
 * Mosquitto; a topic holding a space needs one.
 */
public final class AclFile {

    private static final Set<Action> ALL = EnumSet.allOf(Action.class);
    private static final Set<Action> READ = EnumSet.of(Action.SUBSCRIBE, Action.RECEIVE);
    private static final Map<String, Set<Action>> ALLOWING = Map.of(
            "read", READ,
            "write", EnumSet.of(Action.PUBLISH),
            "publish", EnumSet.of(Action.PUBLISH),
            "readwrite", ALL,
            "subscribe", EnumSet.of(Action.SUBSCRIBE),
            "receive", EnumSet.of(Action.RECEIVE));
    private static final Map<String, Set<Action>> DENYING = Map.of(
            "deny", ALL,
            "deny-read", READ,
            "deny-write", EnumSet.of(Action.PUBLISH),
            "deny-subscribe", EnumSet.of(Action.SUBSCRIBE),
            "deny-receive", EnumSet.of(Action.RECEIVE));

    private AclFile() {}

    /** @throws AclFileException naming the file, and the line with what is wrong in it */
    public static AccessRules read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AclFileException("the ACL file " + file + " cannot be read: " + e, e);
        }
        return parse(text, file.toString());
    }

    /**
     * @param source what to call the text in errors (its file name)
     * @throws AclFileException naming the line and what is wrong in it
     */
    public static AccessRules parse(String text, String source) {
        List<AccessRule> rules = new ArrayList<>();
        Who scope = Who.ANONYMOUS;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            int space = line.indexOf(' ');
            String keyword = space < 0 ? line : line.substring(0, space);
            String rest = space < 0 ? "" : line.substring(space + 1).strip();
            switch (keyword) {
                case "user" -> scope = Who.user(name(rest, keyword, where));
                case "client" -> scope = Who.client(name(rest, keyword, where));
                case "group" -> scope = Who.group(name(rest, keyword, where));
                case "certificate" -> scope = Who.certificate(name(rest, keyword, where));
                case "anyone" -> {
                    if (!rest.isEmpty()) {
                        throw new AclFileException(where + "'anyone' takes nothing after it");
                    }
                    scope = Who.ANYONE;
                }
                case "topic" -> rules.add(rule(scope, rest, where));
                case "pattern" -> rules.add(rule(Who.ANYONE, rest, where));
                default ->
                    throw new AclFileException(where + "'" + keyword
                            + "' is no ACL line: use topic, pattern, user, client, group, certificate or anyone"
                            + " (or # for a comment)");
            }
        }
        return AccessRules.of(rules);
    }

    private static String name(String rest, String keyword, String where) {
        if (rest.isEmpty()) {
            throw new AclFileException(where + "'" + keyword + "' needs a name after it");
        }
        return rest;
    }

    /**
     * A rule from its words as {@code wharf acl} and the admin API take them: whom it is for
     * ({@code user}, {@code client}, {@code group}, {@code certificate} with a name; {@code anyone},
     * {@code anonymous} without), an access word and a topic filter.
     *
     * @throws AclFileException saying what is wrong
     */
    public static AccessRule rule(String who, String name, String access, String topic) {
        String kind = who.toLowerCase(Locale.ROOT);
        boolean named = !kind.equals("anyone") && !kind.equals("anonymous");
        Who.Kind parsed;
        try {
            parsed = Who.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AclFileException("'" + who
                    + "' is not whom a rule can be for: use user, client, group, certificate, anyone or anonymous");
        }
        if (named == (name == null || name.isEmpty())) {
            throw new AclFileException("'" + kind + "' " + (named ? "needs a name" : "takes no name"));
        }
        if (!isAccessWord(access)) {
            throw new AclFileException("'" + access + "' is no access word: use read, write, readwrite, subscribe,"
                    + " receive, publish, deny, deny-read, deny-write, deny-subscribe or deny-receive");
        }
        return rule(new Who(parsed, named ? name : ""), access + " " + topic);
    }

    /** Whether {@code word} is one of the access words a rule line may start with. */
    public static boolean isAccessWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return ALLOWING.containsKey(lower) || DENYING.containsKey(lower);
    }

    /**
     * The access word that says what {@code rule} allows or denies, as a rule line would start;
     * for a set of actions no word names, {@code allow:} or {@code deny:} and the actions.
     */
    public static String accessWord(AccessRule rule) {
        Map<String, Set<Action>> words = rule.allow() ? ALLOWING : DENYING;
        for (String word : List.of(
                "readwrite",
                "read",
                "write",
                "subscribe",
                "receive",
                "deny",
                "deny-read",
                "deny-write",
                "deny-subscribe",
                "deny-receive")) {
            if (rule.actions().equals(words.get(word))) {
                return word;
            }
        }
        return (rule.allow() ? "allow:" : "deny:")
                + String.join(
                        ",",
                        rule.actions().stream()
                                .map(action -> action.name().toLowerCase(Locale.ROOT))
                                .sorted()
                                .toList());
    }

    /**
     * One rule for {@code who} as a {@code topic} line writes it after the keyword:
     * {@code [ACCESS] TOPIC}, as the {@code wharf acl} command takes it.
     *
     * @throws AclFileException saying what is wrong
     */
    public static AccessRule rule(Who who, String accessAndTopic) {
        return rule(who, accessAndTopic.strip(), "");
    }

    private static AccessRule rule(Who who, String rest, String where) {
        if (rest.isEmpty()) {
            throw new AclFileException(where + "a rule needs a topic, like 'topic read sensors/#'");
        }
        int space = rest.indexOf(' ');
        String first = (space < 0 ? rest : rest.substring(0, space)).toLowerCase(Locale.ROOT);
        String topic = rest;
        Set<Action> actions = ALL;
        boolean allow = true;
        if (space > 0 && (ALLOWING.containsKey(first) || DENYING.containsKey(first))) {
            topic = rest.substring(space + 1).strip();
            allow = ALLOWING.containsKey(first);
            actions = allow ? ALLOWING.get(first) : DENYING.get(first);
        }
        try {
            return new AccessRule(who, actions, topic, allow);
        } catch (InvalidTopicException e) {
            throw new AclFileException(where + "'" + topic + "' is no topic filter: " + e.getMessage(), e);
        }
    }
}
