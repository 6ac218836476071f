package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.wharf.edge.auth.AuthResult;
import io.wharf.edge.auth.Credentials;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.listener.ClientAuth;
import io.wharf.edge.listener.ListenerKind;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.listener.UsernameFrom;
import io.wharf.testing.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production config of README's "Security" section is one Wharf accepts, meaning what it says. */
class ReadmeSecurityExampleTest {

    private static final Pattern FILE = Pattern.compile("/etc/wharf/[A-Za-z0-9.\\-]+");

    @TempDir
    Path dir;

    @Test
    void theReadmesProductionConfigYieldsItsListenersAuthenticationAndKafkaSettings() throws Exception {
        String example = securityExample();
        // The example's files, here: a device CA, and a server certificate it signed.
        Path etc = Files.createDirectories(dir.resolve("etc/wharf"));
        TestCertificates certificates = new TestCertificates(etc);
        certificates.ca("device-ca");
        certificates.server("server", "device-ca");
        Files.copy(etc.resolve("device-ca.pem"), etc.resolve("kafka-ca.pem"));
        Files.writeString(
                etc.resolve("passwords"),
                "alice:"
                        + PasswordHash.pbkdf2("alice-pw".getBytes(StandardCharsets.UTF_8), 101, new SecureRandom())
                                .encoded()
                        + "\n");
        Files.writeString(etc.resolve("acl"), "topic read public/#\nuser alice\ntopic readwrite factory/#\n");
        Files.writeString(
                etc.resolve("jwks.json"),
                new JWKSet(new RSAKeyGenerator(2048).keyID("k1").generate().toPublicJWK()).toString());
        Matcher files = FILE.matcher(example);
        while (files.find()) {
            assertThat(dir.resolve(files.group().substring(1)))
                    .as("a file the example names")
                    .exists();
        }
        Path config = dir.resolve("wharf.yaml");
        Files.writeString(config, example.replace("/etc/wharf/", dir.resolve("etc/wharf") + "/"));

        WharfConfig resolved = ConfigResolver.resolve(
                Map.of(
                        Setting.CONFIG,
                        config.toString(),
                        Setting.DATA_DIR,
                        dir.resolve("data").toString()),
                Map.of());

        assertThat(resolved.mqttPort()).isEqualTo(-1);
        assertThat(resolved.access().rules().rules()).hasSize(2);
        assertThat(resolved.authentication().anonymousAllowed()).isFalse();
        assertThat(resolved.authentication()
                        .auth()
                        .authenticator()
                        .authenticate(
                                new Credentials(
                                        "c1",
                                        Optional.of("alice"),
                                        Optional.of("alice-pw".getBytes(StandardCharsets.UTF_8)),
                                        Optional.empty(),
                                        new InetSocketAddress("127.0.0.1", 1)),
                                Instant.now()))
                .isInstanceOf(AuthResult.Accepted.class);
        List<ListenerSettings> listeners = resolved.listeners();
        assertThat(listeners)
                .extracting(ListenerSettings::kind)
                .containsExactly(ListenerKind.TLS, ListenerKind.WSS, ListenerKind.WS, ListenerKind.TCP);
        assertThat(listeners).extracting(ListenerSettings::port).containsExactly(8883, 8084, 8083, 1884);
        assertThat(listeners.get(0).tls()).hasValueSatisfying(tls -> {
            assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRE);
            assertThat(tls.clientCa()).hasValueSatisfying(ca -> assertThat(ca).hasFileName("device-ca.pem"));
            assertThat(tls.usernameFrom()).isEqualTo(UsernameFrom.CN);
        });
        assertThat(listeners.get(1).path()).isEqualTo("/mqtt");
        assertThat(listeners.get(1).tls().orElseThrow().clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(listeners.subList(2, 4)).allSatisfy(listener -> {
            assertThat(listener.proxyProtocol()).isTrue();
            assertThat(listener.bindHost()).isEqualTo("10.0.0.5");
        });
        assertThat(resolved.nodeId()).endsWith("-8883");
        assertThat(resolved.kafka()).contains("kafka-1:9093,kafka-2:9093,kafka-3:9093");
        assertThat(resolved.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsKey("sasl.jaas.config")
                .hasEntrySatisfying(
                        "ssl.truststore.location",
                        location -> assertThat(location).endsWith("kafka-ca.pem"));
    }

    /** The first YAML block under README's "## Security" heading. */
    private static String securityExample() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int section = text.indexOf("\n## Security\n");
        assertThat(section).as("README.md has a Security section").isPositive();
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
