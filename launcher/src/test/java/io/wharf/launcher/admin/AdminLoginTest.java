package io.wharf.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminLoginTest {

    private static final AdminLogin.PasswordReader NO_PROMPT = user -> {
        throw new AssertionError("no password asked for");
    };

    @Test
    void theTokenFlagWinsOverTheEnvironment() throws Exception {
        assertThat(AdminLogin.authorization("flag-token", null, Map.of("WHARF_ADMIN_TOKEN", "env-token"), NO_PROMPT))
                .contains("Bearer flag-token");
        assertThat(AdminLogin.authorization(null, null, Map.of("WHARF_ADMIN_TOKEN", "env-token"), NO_PROMPT))
                .contains("Bearer env-token");
        assertThat(AdminLogin.authorization(null, null, Map.of(), NO_PROMPT)).isEmpty();
    }

    @Test
    void aUserSendsBasicWithThePasswordRead() throws Exception {
        String header = AdminLogin.authorization(null, "root", Map.of(), user -> user + "-secret")
                .orElseThrow();

        assertThat(header).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("root:root-secret");
    }

    @Test
    void bothOrAMissingPasswordAreRefused() {
        assertThatThrownBy(() -> AdminLogin.authorization("t", "root", Map.of(), NO_PROMPT))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> AdminLogin.authorization(null, "root", Map.of(), user -> null))
                .hasMessageContaining("no password");
    }

    @Test
    void thePasswordOnStandardInputIsItsFirstLine() throws Exception {
        assertThat(AdminLogin.firstLine(new ByteArrayInputStream("pass word\nrest\n".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("pass word");
        assertThat(AdminLogin.firstLine(new ByteArrayInputStream(new byte[0]))).isNull();
    }
}
