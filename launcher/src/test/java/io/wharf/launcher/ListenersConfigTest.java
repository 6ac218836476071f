package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.listener.ClientAuth;
import io.wharf.edge.listener.ListenerKind;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.listener.UsernameFrom;
import io.wharf.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code listeners:} list of the config file, as the launcher reads and checks it. */
class ListenersConfigTest {

    @TempDir
    Path dir;

    @TempDir
    static Path certificatesDir;

    private static Path certificate;
    private static Path key;
    private static Path ca;

    @BeforeAll
    static void certificates() {
        TestCertificates certificates = new TestCertificates(certificatesDir);
        ca = certificates.ca("ca");
        certificate = certificates.server("server", "ca");
        key = certificates.key("server");
    }

    private WharfConfig resolve(String yaml, Map<Setting, String> flags) throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "data-dir: " + dir + "\n" + yaml);
        Map<Setting, String> all = new java.util.EnumMap<>(Setting.class);
        all.put(Setting.CONFIG, file.toString());
        all.putAll(flags);
        return ConfigResolver.resolve(all, Map.of());
    }

    private void assertProblems(String yaml, Map<Setting, String> flags, String... expected) {
        assertThatThrownBy(() -> resolve(yaml, flags)).isInstanceOfSatisfying(ConfigException.class, e -> {
            for (String text : expected) {
                assertThat(e.problems())
                        .anySatisfy(problem -> assertThat(problem).contains(text));
            }
        });
    }

    @Test
    void everyKindOfListenerIsReadWithItsDefaults() throws IOException {
        WharfConfig config = resolve("""
                bind: 10.0.0.5
                listeners:
                  - kind: tcp
                    port: 1884
                    bind: 127.0.0.1
                    proxy-protocol: true
                  - kind: tls
                    port: 8883
                    certificate: %s
                    key: %s
                    client-auth: require
                    client-ca: %s
                    username-from: cn
                  - kind: ws
                    port: 8083
                  - kind: wss
                    port: 8084
                    path: /browser
                    certificate: %s
                    key: %s
                """.formatted(certificate, key, ca, certificate, key), Map.of());

        assertThat(config.mqttPort()).isEqualTo(1883);
        assertThat(config.listeners()).hasSize(4);
        ListenerSettings proxied = config.listeners().get(0);
        assertThat(proxied.kind()).isEqualTo(ListenerKind.TCP);
        assertThat(proxied.bindHost()).isEqualTo("127.0.0.1");
        assertThat(proxied.proxyProtocol()).isTrue();
        ListenerSettings tls = config.listeners().get(1);
        assertThat(tls.bindHost()).isEqualTo("10.0.0.5");
        assertThat(tls.tls()).hasValueSatisfying(files -> {
            assertThat(files.certificate()).isEqualTo(certificate);
            assertThat(files.clientAuth()).isEqualTo(ClientAuth.REQUIRE);
            assertThat(files.clientCa()).contains(ca);
            assertThat(files.usernameFrom()).isEqualTo(UsernameFrom.CN);
        });
        assertThat(config.listeners().get(2).path()).isEqualTo("/mqtt");
        assertThat(config.listeners().get(2).proxyProtocol()).isFalse();
        assertThat(config.listeners().get(3).path()).isEqualTo("/browser");
        assertThat(config.listeners().get(3).tls().orElseThrow().clientAuth()).isEqualTo(ClientAuth.NONE);
    }

    @Test
    void theMqttPortCanBeTurnedOffWhenAnotherListenerServesAndTheNodeIdTakesThatPort() throws IOException {
        WharfConfig config = resolve("listeners:\n  - kind: ws\n    port: 8083\n", Map.of(Setting.MQTT_PORT, "-1"));

        assertThat(config.mqttPort()).isEqualTo(-1);
        assertThat(config.nodeId()).endsWith("-8083");
    }

    @Test
    void turningTheMqttPortOffWithoutAnotherListenerIsAnError() {
        assertProblems("", Map.of(Setting.MQTT_PORT, "-1"), "keep the MQTT port or add a listener");
    }

    @Test
    void theSamePortTwiceIsAnError() {
        assertProblems(
                "listeners:\n  - kind: ws\n    port: 1883\n  - kind: tcp\n    port: 1883\n",
                Map.of(),
                "port 1883 is used twice, by --mqtt-port and by listener 1 (ws)",
                "port 1883 is used twice, by --mqtt-port and by listener 2 (tcp)");
    }

    @Test
    void anUnknownKindOrFieldIsAnError() {
        assertProblems(
                "listeners:\n  - kind: quic\n    port: 1\n  - kind: tcp\n    port: 2\n    colour: blue\n",
                Map.of(),
                "listener 1 in",
                "'kind' must be one of tcp, tls, ws, wss, not 'quic'",
                "listener 2 in",
                "unknown field 'colour'");
    }

    @Test
    void aTlsListenerNeedsReadableFilesAndAClientCaWhenItAsksForClientCertificates() {
        assertProblems(
                """
                listeners:
                  - kind: tls
                    port: 8883
                    key: %s
                  - kind: wss
                    port: 8884
                    certificate: %s
                    key: %s
                    client-auth: optional
                  - kind: tls
                    port: 8885
                    certificate: %s/missing.pem
                    key: %s
                """.formatted(key, certificate, key, dir, key),
                Map.of(),
                "listener 1 in",
                "'certificate' is missing",
                "listener 2 in",
                "'client-ca' is missing",
                "listener 3 in",
                "missing.pem does not exist or cannot be read");
    }

    @Test
    void filesThatAreNotAPemCertificateAndItsKeyAreAnError() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not-a-certificate.pem"), "hello");
        assertProblems(
                """
                listeners:
                  - kind: tls
                    port: 8883
                    certificate: %s
                    key: %s
                  - kind: wss
                    port: 8884
                    certificate: %s
                    key: %s
                """.formatted(notPem, key, certificate, notPem),
                Map.of(),
                "listener 1 in",
                "listener 2 in",
                "cannot use the TLS files " + notPem,
                "a PEM PKCS#8 or PKCS#1 key");
    }

    @Test
    void tlsSettingsOnAPlainListenerAndBadChoicesAreErrors() {
        assertProblems(
                """
                listeners:
                  - kind: tcp
                    port: 1884
                    certificate: %s
                    path: /mqtt
                  - kind: tls
                    port: 8883
                    certificate: %s
                    key: %s
                    client-auth: sometimes
                  - kind: ws
                    port: 8083
                    path: mqtt
                    proxy-protocol: "maybe"
                  - kind: tls
                    port: 8886
                    certificate: %s
                    key: %s
                    username-from: cn
                """.formatted(certificate, certificate, key, certificate, key),
                Map.of(),
                "'certificate' is for tls and wss listeners only",
                "'path' is for ws and wss listeners only",
                "'client-auth' must be one of none, optional, require, not 'sometimes'",
                "'path' must start with '/'",
                "'proxy-protocol' must be true or false",
                "'username-from' needs client certificates");
    }
}
