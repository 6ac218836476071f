package io.wharf.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.auth.AuthResult;
import io.wharf.edge.auth.Credentials;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.Refusal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** password-file, allow-anonymous and jwt: who a Wharf started with them lets in, and the start errors. */
class AuthenticationConfigTest {

    private static final String SECRET = "a-jwt-secret-of-more-than-32-bytes!!";

    @TempDir
    Path dir;

    private Path passwords;

    @BeforeEach
    void passwordFile() throws IOException {
        passwords = Files.writeString(
                dir.resolve("passwords"),
                "alice:"
                        + PasswordHash.pbkdf2("alice-pw".getBytes(UTF_8), 101, new SecureRandom())
                                .encoded() + "\n");
    }

    @Test
    void theLaptopDefaultLetsAnonymousClientsInAndWarns() {
        AuthenticationConfig auth = resolve(Map.of(), Map.of());
        assertThat(auth.anonymousAllowed()).isTrue();
        assertThat(decide(auth, null, null)).isInstanceOf(AuthResult.Accepted.class);
        assertThat(auth.warning())
                .hasValueSatisfying(text -> assertThat(text)
                        .contains("WARNING: anonymous clients may connect")
                        .contains("user names are taken as the clients claim them"));
    }

    @Test
    void anExternalKafkaRefusesAnonymousClientsUnlessAllowed() {
        AuthenticationConfig strict = resolve(Map.of(Setting.KAFKA, "kafka:9092"), Map.of());
        assertThat(strict.anonymousAllowed()).isFalse();
        assertThat(strict.warning()).isEmpty();
        assertThat(refusal(decide(strict, null, null))).isEqualTo(Refusal.NOT_AUTHORIZED);

        AuthenticationConfig allowed =
                resolve(Map.of(Setting.KAFKA, "kafka:9092"), Map.of("WHARF_ALLOW_ANONYMOUS", "true"));
        assertThat(decide(allowed, null, null)).isInstanceOf(AuthResult.Accepted.class);
        assertThat(allowed.warning()).isPresent();
    }

    @Test
    void aConfigFileRefusesAnonymousClientsUnlessAllowed() throws IOException {
        Path file = Files.writeString(dir.resolve("wharf.yaml"), "mqtt-port: 1883\n");
        assertThat(resolve(Map.of(Setting.CONFIG, file.toString()), Map.of()).anonymousAllowed())
                .isFalse();
        Path allowing = Files.writeString(dir.resolve("allowing.yaml"), "allow-anonymous: true\n");
        assertThat(resolve(Map.of(Setting.CONFIG, allowing.toString()), Map.of())
                        .anonymousAllowed())
                .isTrue();
    }

    @Test
    void aPasswordFileOnTheLaptopTurnsAnonymousAccessOff() {
        AuthenticationConfig auth = resolve(Map.of(Setting.PASSWORD_FILE, passwords.toString()), Map.of());
        assertThat(auth.anonymousAllowed()).isFalse();
        assertThat(decide(auth, "alice", "alice-pw")).isInstanceOf(AuthResult.Accepted.class);
        assertThat(refusal(decide(auth, "alice", "nope"))).isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal(decide(auth, null, null))).isEqualTo(Refusal.NOT_AUTHORIZED);
    }

    @Test
    void theJwtMapOfTheFileSetsTheJwtSettings() throws IOException {
        Path file = Files.writeString(
                dir.resolve("wharf.yaml"),
                "jwt:\n  secret: " + SECRET + "\n  audience: wharf\n  username-claim: name\n");
        AuthenticationConfig auth = resolve(Map.of(Setting.CONFIG, file.toString()), Map.of());
        assertThat(auth.anonymousAllowed()).isFalse();
        String token = Tokens.hs256(SECRET, "{\"name\":\"bob\",\"aud\":\"wharf\",\"exp\":4102444800}");
        AuthResult result = decide(auth, null, token);
        assertThat(result)
                .isInstanceOfSatisfying(
                        AuthResult.Accepted.class,
                        accepted -> assertThat(accepted.principal().userName()).contains("bob"));
        String otherAudience = Tokens.hs256(SECRET, "{\"name\":\"bob\",\"aud\":\"other\",\"exp\":4102444800}");
        assertThat(refusal(decide(auth, null, otherAudience))).isEqualTo(Refusal.NOT_AUTHORIZED);
    }

    @Test
    void wrongAuthenticationSettingsAreStartErrorsNamingTheKeyAndTheFix() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain"), "alice:secret\n");
        Path file = Files.writeString(dir.resolve("wharf.yaml"), "jwt:\n  secret: short\n  colour: blue\n");
        assertThatThrownBy(() -> resolve(
                        Map.of(
                                Setting.PASSWORD_FILE, dir.resolve("missing").toString(),
                                Setting.ALLOW_ANONYMOUS, "maybe",
                                Setting.CONFIG, file.toString()),
                        Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(problem -> assertThat(problem)
                                        .startsWith("--password-file")
                                        .contains("cannot be read")
                                        .contains("wharf passwd"))
                                .anySatisfy(problem -> assertThat(problem).startsWith("--allow-anonymous 'maybe'"))
                                .anySatisfy(problem -> assertThat(problem)
                                        .startsWith("--jwt-secret")
                                        .contains("at least 32 bytes"))
                                .anySatisfy(problem ->
                                        assertThat(problem).contains("unknown setting 'colour' under 'jwt'")));
        assertThatThrownBy(() -> resolve(Map.of(Setting.PASSWORD_FILE, plain.toString()), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(problem -> assertThat(problem)
                                        .contains("line 1 (user 'alice')")
                                        .doesNotContain("secret\n")));
        assertThatThrownBy(() -> resolve(
                        Map.of(Setting.JWT_SECRET, SECRET, Setting.JWT_JWKS_FILE, passwords.toString()), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(problem -> assertThat(problem)
                                        .contains("are both set")
                                        .contains("keep one")
                                        .doesNotContain(SECRET)));
        assertThatThrownBy(() -> resolve(Map.of(Setting.JWT_AUDIENCE, "wharf"), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(problem -> assertThat(problem).contains("JWTs are off")));
    }

    private AuthenticationConfig resolve(Map<Setting, String> flags, Map<String, String> environment) {
        Map<Setting, String> all = new HashMap<>(flags);
        all.putIfAbsent(Setting.DATA_DIR, dir.resolve("data").toString());
        return ConfigResolver.resolve(all, environment).authentication();
    }

    private static AuthResult decide(AuthenticationConfig auth, String user, String password) {
        return auth.auth()
                .authenticator()
                .authenticate(
                        new Credentials(
                                "c1",
                                Optional.ofNullable(user),
                                Optional.ofNullable(password).map(text -> text.getBytes(UTF_8)),
                                Optional.empty(),
                                new InetSocketAddress("127.0.0.1", 1)),
                        Instant.parse("2026-12-02T06:00:00Z"));
    }

    private static Refusal refusal(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Refused.class);
        return ((AuthResult.Refused) result).refusal();
    }

    /** HS256 tokens built by hand, so the launcher's tests need no JWT library of their own. */
    private static final class Tokens {
        static String hs256(String secret, String claims) {
            try {
                java.util.Base64.Encoder base64 =
                        java.util.Base64.getUrlEncoder().withoutPadding();
                String signingInput = base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(UTF_8)) + "."
                        + base64.encodeToString(claims.getBytes(UTF_8));
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
                return signingInput + "." + base64.encodeToString(mac.doFinal(signingInput.getBytes(UTF_8)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
