package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.admin.AdminAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAccessConfigTest {

    private static final String TOKEN = "a-token-of-twenty-chars";

    @TempDir
    Path dir;

    @Test
    void theLaptopDefaultLeavesTheAdminApiOpen() {
        AdminAccessConfig admin = resolve(Map.of(), Map.of()).admin();

        assertThat(admin.access()).isSameAs(AdminAccess.OPEN);
        assertThat(admin.warning()).isEmpty();
    }

    @Test
    void besideAnExternalKafkaWithoutCredentialsOnlyTheClustersAdminsGetInAndTheWarningSaysHowToFixIt() {
        AdminAccessConfig admin =
                resolve(Map.of(Setting.KAFKA, "broker:9092"), Map.of()).admin();

        assertThat(admin.access().permits(null)).isFalse();
        assertThat(admin.access().permits("Bearer " + TOKEN)).isFalse();
        assertThat(admin.warning())
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains(
                                "--admin-token",
                                "WHARF_ADMIN_TOKEN",
                                "--password-file",
                                "wharf user add NAME --group admin"));
    }

    @Test
    void theTokenComesFromTheFlagTheEnvironmentOrTheFileByTheUsualRule() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "admin-token: from-the-file-0123456789\ndata-dir: " + dir + "\n");

        AdminAccess fromFile = resolve(Map.of(Setting.CONFIG, file.toString()), Map.of())
                .admin()
                .access();
        AdminAccess fromEnvironment = resolve(
                        Map.of(Setting.CONFIG, file.toString()), Map.of("WHARF_ADMIN_TOKEN", TOKEN))
                .admin()
                .access();
        AdminAccess fromFlag = resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.ADMIN_TOKEN, "from-the-flag-0123456789"),
                        Map.of("WHARF_ADMIN_TOKEN", TOKEN))
                .admin()
                .access();

        assertThat(fromFile.permits("Bearer from-the-file-0123456789")).isTrue();
        assertThat(fromEnvironment.permits("Bearer " + TOKEN)).isTrue();
        assertThat(fromEnvironment.permits("Bearer from-the-file-0123456789")).isFalse();
        assertThat(fromFlag.permits("Bearer from-the-flag-0123456789")).isTrue();
        assertThat(fromFlag.permits("Bearer " + TOKEN)).isFalse();
    }

    @Test
    void aTokenInTheLaptopDefaultIsCheckedToo() {
        AdminAccess access =
                resolve(Map.of(Setting.ADMIN_TOKEN, TOKEN), Map.of()).admin().access();

        assertThat(access.permits(null)).isFalse();
        assertThat(access.permits("Bearer " + TOKEN)).isTrue();
    }

    @Test
    void aShortTokenIsAConfigErrorThatDoesNotPrintIt() {
        assertThatThrownBy(() -> resolve(Map.of(Setting.ADMIN_TOKEN, "s3cret"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--admin-token")
                .hasMessageContaining("16 or more")
                .hasMessageNotContaining("s3cret");
    }

    private WharfConfig resolve(Map<Setting, String> flags, Map<String, String> environment) {
        Map<Setting, String> all = new java.util.EnumMap<>(Setting.class);
        all.put(Setting.DATA_DIR, dir.toString());
        all.putAll(flags);
        return ConfigResolver.resolve(all, environment);
    }
}
