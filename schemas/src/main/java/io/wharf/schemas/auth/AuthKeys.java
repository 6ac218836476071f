package io.wharf.schemas.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.wharf.schemas.Json;
import java.util.ArrayList;
import java.util.List;

/** The keys of {@code mqtt.auth}: one per user, one per distinct rule, and the seeding mark. */
public final class AuthKeys {

    public static final String SEEDED = "seeded";

    private static final String USER = "user:";
    private static final String RULE = "rule:";

    private AuthKeys() {}

    public static String user(String name) {
        return USER + name;
    }

    /**
     * {@code rule:} and a JSON array of the rule's fields (who, name, access, actions joined by
     * commas, topic): names and topics may hold any character, which JSON quotes unambiguously.
     */
    public static String rule(AuthRule rule) {
        List<String> fields = new ArrayList<>(
                List.of(rule.who(), rule.name(), rule.access(), String.join(",", rule.actions()), rule.topic()));
        try {
            return RULE + Json.MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    /** The key of what {@code entry} says, or null for a kind this reader does not know. */
    public static String of(AuthEntry entry) {
        if (entry instanceof AuthUser user) {
            return user(user.user());
        }
        if (entry instanceof AuthRule rule) {
            return rule(rule);
        }
        return entry instanceof AuthSeeded ? SEEDED : null;
    }
}
