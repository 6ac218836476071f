package io.wharf.edge.auth.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.Action;
import io.wharf.edge.auth.acl.Who;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthKeys;
import io.wharf.schemas.auth.AuthRule;
import io.wharf.schemas.auth.AuthSeeded;
import io.wharf.schemas.auth.AuthUser;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The users and rules an edge applies are those the auth topic's records say, the newest of each key. */
class AuthContentsTest {

    private static final String HASH =
            PasswordHash.pbkdf2("pw".getBytes(UTF_8), 101, new SecureRandom()).encoded();
    private static final String ACL =
            "user alice\ntopic read sensors/#\ngroup operators\ntopic deny-write secret/#\npattern write devices/%u/#\n"
                    + "anyone\ntopic receive public/#\nclient gw-1\ntopic publish gw/#\ncertificate CN=meter\ntopic read m/#\n";

    @Test
    void theRulesOfAFileComeBackFromTheirRecordsAsTheyWere() {
        AccessRules rules = AclFile.parse(ACL, "acl");

        List<AccessRule> back = rules.rules().stream()
                .map(AuthRecords::rule)
                .map(AuthRecords::accessRule)
                .toList();

        assertThat(back).isEqualTo(rules.rules());
    }

    @Test
    void aSeedHoldsEveryUserWithGroupsAndEveryRule() {
        PasswordFile users =
                PasswordFile.parse(List.of("bob:" + HASH, "alice:" + HASH, "# wharf-group operators: alice"), "p");
        AccessRules rules = AclFile.parse(ACL, "acl");

        List<AuthEntry> seed = AuthRecords.seedOf(users, rules);

        assertThat(seed.subList(0, 2))
                .containsExactly(AuthUser.of("alice", HASH, List.of("operators")), AuthUser.of("bob", HASH, List.of()));
        assertThat(seed).hasSize(2 + rules.rules().size());
        AuthContents contents = new AuthContents();
        seed.forEach(entry -> contents.apply(AuthKeys.of(entry), entry));
        assertThat(contents.users().userNames()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(contents.users().groupsOf("alice")).containsExactly("operators");
        assertThat(contents.rules()).isEqualTo(rules);
    }

    @Test
    void aTombstoneRemovesAUserOrARule() {
        AuthContents contents = new AuthContents();
        AuthRule rule = AuthRecords.rule(AccessRule.allow(Who.user("alice"), EnumSet.of(Action.PUBLISH), "a/#"));
        contents.apply(AuthKeys.user("alice"), AuthUser.of("alice", HASH, List.of()));
        contents.apply(AuthKeys.of(rule), rule);

        contents.apply(AuthKeys.user("alice"), null);
        contents.apply(AuthKeys.of(rule), null);

        assertThat(contents.users().userNames()).isEmpty();
        assertThat(contents.rules()).isEqualTo(AccessRules.NONE);
        assertThat(contents.isUntouched()).isTrue();
    }

    @Test
    void aTopicEmptiedAfterItsSeedIsStillSeeded() {
        AuthContents contents = new AuthContents();
        contents.apply(AuthKeys.SEEDED, AuthSeeded.of(Instant.parse("2026-01-31T08:00:00Z"), "edge-1"));

        assertThat(contents.wasSeeded()).isTrue();
        assertThat(contents.isUntouched()).isFalse();
        assertThat(contents.usersAndRules()).isEmpty();
    }

    @Test
    void aRecordThisEdgeCannotReadIsLeftOutAndTheRestApplies() {
        AuthContents contents = new AuthContents();
        contents.apply(AuthKeys.user("plain"), AuthUser.of("plain", "secret", List.of()));
        contents.apply(AuthKeys.user("alice"), AuthUser.of("alice", HASH, List.of()));
        AuthRule odd = AuthRule.of("role", "x", "allow", List.of("publish"), "t");
        contents.apply(AuthKeys.of(odd), odd);

        assertThat(contents.users().userNames()).containsExactly("alice");
        assertThat(contents.rules()).isEqualTo(AccessRules.NONE);
        assertThat(Set.copyOf(contents.usersAndRules())).hasSize(3);
    }
}
