package io.wharf.edge.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Mosquitto's password file, read unchanged: {@code auth/mosquitto-passwords} was written by the
 * real {@code mosquitto_passwd} 2.0.11 ({@code -c -b}, {@code -b}, {@code -H sha512 -b}), with two
 * group lines added by hand before the last user, which mosquitto_passwd kept.
 */
class PasswordFileTest {

    private static PasswordFile mosquittoFile() throws URISyntaxException {
        return PasswordFile.read(
                Path.of(Objects.requireNonNull(PasswordFileTest.class.getResource("/auth/mosquitto-passwords"))
                        .toURI()));
    }

    @Test
    void pbkdf2HashesWrittenByMosquittoPasswdMatchTheirPasswords() throws Exception {
        PasswordFile file = mosquittoFile();
        assertThat(file.hashOf("alice").orElseThrow().matches("alice-secret".getBytes(UTF_8)))
                .isTrue();
        assertThat(file.hashOf("bob").orElseThrow().matches("b:b pass".getBytes(UTF_8)))
                .isTrue();
        assertThat(file.hashOf("dave").orElseThrow().matches("dave-secret".getBytes(UTF_8)))
                .isTrue();
        assertThat(file.hashOf("alice").orElseThrow().iterations()).isEqualTo(101);
    }

    @Test
    void saltedSha512HashesOfMosquitto16MatchTheirPasswords() throws Exception {
        PasswordHash carol = mosquittoFile().hashOf("carol").orElseThrow();
        assertThat(carol.matches("carol-old-style".getBytes(UTF_8))).isTrue();
        assertThat(carol.matches("carol-old-styl".getBytes(UTF_8))).isFalse();
    }

    @Test
    void aWrongPasswordDoesNotMatch() throws Exception {
        PasswordFile file = mosquittoFile();
        assertThat(file.hashOf("alice").orElseThrow().matches("bob-secret".getBytes(UTF_8)))
                .isFalse();
        assertThat(file.hashOf("alice").orElseThrow().matches(new byte[0])).isFalse();
        assertThat(file.hashOf("nobody")).isEmpty();
    }

    @Test
    void groupCommentLinesGiveUsersTheirGroups() throws Exception {
        PasswordFile file = mosquittoFile();
        assertThat(file.groupsOf("alice")).containsExactly("operators");
        assertThat(file.groupsOf("bob")).containsExactly("sensors");
        assertThat(file.groupsOf("dave")).isEmpty();
        assertThat(file.size()).isEqualTo(4);
    }

    @Test
    void aHashWrittenHereReadsBackInTheFormatMosquittoWrites() {
        PasswordHash hash = PasswordHash.pbkdf2("s3cret".getBytes(UTF_8), 101, new SecureRandom());
        assertThat(hash.encoded()).matches("\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
        assertThat(PasswordHash.parse(hash.encoded()).matches("s3cret".getBytes(UTF_8)))
                .isTrue();
    }

    @Test
    void pbkdf2MatchesTheRfc6070StyleVectorForSha512() {
        // PBKDF2-HMAC-SHA512("password", "salt", 1 iteration, 64 bytes), a published test vector
        byte[] derived = PasswordHash.pbkdf2Sha512("password".getBytes(UTF_8), "salt".getBytes(UTF_8), 1, 64);
        assertThat(java.util.HexFormat.of().formatHex(derived))
                .isEqualTo("867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
                        + "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce");
    }

    @Test
    void aPlainTextOrBrokenLineIsAStartErrorNamingTheLineButNotThePassword() {
        assertThatThrownBy(() -> PasswordFile.parse(
                        List.of("alice:plaintext-secret", "no colon here", "bob:$7$many$abc$def"), "users.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users.txt")
                .hasMessageContaining("line 1 (user 'alice')")
                .hasMessageContaining("mosquitto_passwd -U")
                .hasMessageContaining("line 2 is not 'user:hash'")
                .hasMessageContaining("line 3 (user 'bob'): the iteration count")
                .hasMessageNotContaining("plaintext-secret");
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> PasswordFile.read(Path.of("/nonexistent/wharf-passwords")))
                .hasMessageContaining("/nonexistent/wharf-passwords cannot be read");
    }
}
