package io.wharf.edge.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.auth.UserChanges.Change;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a connected client of a user must undergo when the cluster's users change. */
class UserChangesTest {

    private static final PasswordHash ALICE = hash("alice-pw");
    private static final PasswordFile BEFORE =
            PasswordFile.of(Map.of("alice", ALICE), Map.of("alice", Set.of("operators")));

    @Test
    void aRemovedUserOrAChangedPasswordEndsTheConnection() {
        assertThat(UserChanges.of("alice", BEFORE, PasswordFile.empty())).isEqualTo(Change.REMOVED);
        assertThat(UserChanges.of(
                        "alice",
                        BEFORE,
                        PasswordFile.of(Map.of("alice", hash("new-pw")), Map.of("alice", Set.of("operators")))))
                .isEqualTo(Change.PASSWORD_CHANGED);
    }

    @Test
    void otherGroupsOnlyReDecideTheClientsAccess() {
        PasswordFile after = PasswordFile.of(Map.of("alice", ALICE), Map.of("alice", Set.of("readers")));

        assertThat(UserChanges.of("alice", BEFORE, after)).isEqualTo(Change.GROUPS_CHANGED);
    }

    @Test
    void theSameHashAndGroupsReadAgainChangeNothing() {
        PasswordFile reread = PasswordFile.of(
                Map.of("alice", PasswordHash.parse(ALICE.encoded()), "bob", hash("bob-pw")),
                Map.of("alice", Set.of("operators")));

        assertThat(UserChanges.of("alice", BEFORE, reread)).isEqualTo(Change.NONE);
        assertThat(UserChanges.of("carol", BEFORE, reread)).isEqualTo(Change.NONE);
    }

    private static PasswordHash hash(String password) {
        return PasswordHash.pbkdf2(password.getBytes(UTF_8), 101, new SecureRandom());
    }
}
