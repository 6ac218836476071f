package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    private static final String TOKEN = "0123456789abcdef-token";

    private static final PasswordFile USERS = PasswordFile.parse(
            List.of(
                    "root:" + hash("root-secret"),
                    "alice:" + hash("alice-secret"),
                    PasswordFile.GROUP_PREFIX + "admin: root"),
            "test");

    private final AdminCredentials both =
            new AdminCredentials(Optional.of(TOKEN), Optional.of(new UserDirectory(USERS)));

    @Test
    void theTokenAsBearerIsLetIn() {
        assertThat(both.permits("Bearer " + TOKEN)).isTrue();
        assertThat(both.permits("bearer " + TOKEN)).isTrue();
    }

    @Test
    void anotherTokenOrNoneIsRefused() {
        assertThat(both.permits("Bearer " + TOKEN + "x")).isFalse();
        assertThat(both.permits("Bearer ")).isFalse();
        assertThat(both.permits("Bearer")).isFalse();
        assertThat(both.permits(null)).isFalse();
        assertThat(both.permits(TOKEN)).isFalse();
    }

    @Test
    void onlyBasicWithUsersToHashAgainstIsTooSlowForAnEventLoop() {
        assertThat(both.isExpensive(basic("root", "root-secret"))).isTrue();
        assertThat(both.isExpensive("basic xyz")).isTrue();
        assertThat(both.isExpensive("Bearer " + TOKEN)).isFalse();
        assertThat(both.isExpensive(null)).isFalse();
        assertThat(new AdminCredentials(Optional.of(TOKEN), Optional.empty()).isExpensive(basic("root", "x")))
                .isFalse();
    }

    @Test
    void aUserOfGroupAdminIsLetInByBasic() {
        assertThat(both.permits(basic("root", "root-secret"))).isTrue();
    }

    @Test
    void aUserOutsideGroupAdminIsRefusedEvenWithTheRightPassword() {
        assertThat(both.permits(basic("alice", "alice-secret"))).isFalse();
    }

    @Test
    void aWrongPasswordOrUnknownUserOrBrokenBasicIsRefused() {
        assertThat(both.permits(basic("root", "wrong"))).isFalse();
        assertThat(both.permits(basic("nobody", "root-secret"))).isFalse();
        assertThat(both.permits("Basic not-base64!")).isFalse();
        assertThat(both.permits("Basic " + Base64.getEncoder().encodeToString("root".getBytes())))
                .isFalse();
    }

    @Test
    void theTokenAsBasicPasswordIsNoBearer() {
        assertThat(both.permits(basic("admin", TOKEN))).isFalse();
    }

    @Test
    void aUserAddedToTheClustersUsersInGroupAdminGetsInFromTheNextRequestOn() {
        UserDirectory users = new UserDirectory(PasswordFile.empty());
        AdminCredentials credentials = new AdminCredentials(Optional.empty(), Optional.of(users));
        assertThat(credentials.permits(basic("root", "root-secret"))).isFalse();

        users.replace(USERS);

        assertThat(credentials.permits(basic("root", "root-secret"))).isTrue();
    }

    @Test
    void withoutAPasswordFileBasicIsRefusedAndWithoutATokenBearerIs() {
        assertThat(new AdminCredentials(Optional.of(TOKEN), Optional.empty()).permits(basic("root", "root-secret")))
                .isFalse();
        assertThat(new AdminCredentials(Optional.empty(), Optional.of(new UserDirectory(USERS)))
                        .permits("Bearer " + TOKEN))
                .isFalse();
        assertThat(new AdminCredentials(Optional.empty(), Optional.empty()).permits("Bearer " + TOKEN))
                .isFalse();
    }

    @Test
    void aShortTokenIsRefusedWithTheReason() {
        assertThat(AdminCredentials.problemOf("short"))
                .hasValueSatisfying(
                        problem -> assertThat(problem).contains("5 characters").contains("16 or more"));
        assertThat(AdminCredentials.problemOf(TOKEN)).isEmpty();
        assertThatThrownBy(() -> new AdminCredentials(Optional.of("short"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 or more");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String hash(String password) {
        return PasswordHash.pbkdf2(password.getBytes(StandardCharsets.UTF_8), 101, new SecureRandom())
                .encoded();
    }
}
