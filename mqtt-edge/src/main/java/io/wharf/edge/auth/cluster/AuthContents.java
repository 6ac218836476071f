package io.wharf.edge.auth.cluster;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthKeys;
import io.wharf.schemas.auth.AuthRule;
import io.wharf.schemas.auth.AuthSeeded;
import io.wharf.schemas.auth.AuthUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the auth topic holds, record by record as it is read: the newest value of each key, a
 * tombstone removing it. From it come the users and the access rules the edge applies.
 */
public final class AuthContents {

    private static final Logger log = LoggerFactory.getLogger(AuthContents.class);

    private final Map<String, AuthEntry> byKey = new LinkedHashMap<>();

    /** @param entry the record's value, null for a tombstone */
    public void apply(String key, AuthEntry entry) {
        if (entry == null) {
            byKey.remove(key);
        } else {
            byKey.put(key, entry);
        }
    }

    /** Whether the topic was ever seeded or written to: an edge seeds only a topic for which neither holds. */
    public boolean isUntouched() {
        return byKey.isEmpty();
    }

    public boolean wasSeeded() {
        return byKey.get(AuthKeys.SEEDED) instanceof AuthSeeded;
    }

    /** The users, a record whose hash this edge cannot read left out (and logged). */
    public PasswordFile users() {
        Map<String, PasswordHash> hashes = new HashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        for (AuthEntry entry : byKey.values()) {
            if (entry instanceof AuthUser user) {
                try {
                    hashes.put(user.user(), PasswordHash.parse(user.hash()));
                    groups.put(user.user(), Set.copyOf(user.groups()));
                } catch (IllegalArgumentException e) {
                    log.warn("Ignoring user '{}' of the auth topic: {}", user.user(), e.getMessage());
                }
            }
        }
        return PasswordFile.of(hashes, groups);
    }

    /** The access rules, a rule this edge cannot read left out (and logged). */
    public AccessRules rules() {
        List<AccessRule> rules = new ArrayList<>();
        for (AuthEntry entry : byKey.values()) {
            if (entry instanceof AuthRule rule) {
                try {
                    rules.add(AuthRecords.accessRule(rule));
                } catch (IllegalArgumentException e) {
                    log.warn("Ignoring a rule of the auth topic ({}): {}", AuthKeys.of(rule), e.getMessage());
                }
            }
        }
        return AccessRules.of(rules);
    }

    /** The users and rules as records, in the order first written, the seeding mark left out. */
    public List<AuthEntry> usersAndRules() {
        return byKey.values().stream()
                .filter(entry -> entry instanceof AuthUser || entry instanceof AuthRule)
                .toList();
    }
}
