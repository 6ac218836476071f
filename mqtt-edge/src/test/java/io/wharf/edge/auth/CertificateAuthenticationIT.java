package io.wharf.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.listener.ClientAuth;
import io.wharf.edge.listener.ListenerKind;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.listener.TlsFiles;
import io.wharf.edge.listener.UsernameFrom;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.MosquittoClients.CommandResult;
import io.wharf.testing.TestCertificates;
import io.wharf.testing.TestKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With anonymous clients refused, a verified client certificate on a listener that takes the user
 * name from it is an identity of its own: no password needed. The same client without a
 * certificate, on a TLS listener without client authentication, is anonymous and refused.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertificateAuthenticationIT {

    private TestCertificates certificates;
    private MqttEdge edge;

    @BeforeAll
    void startEdge(TestKafka kafka, @TempDir Path dir) {
        MosquittoClients.requireInstalled();
        certificates = new TestCertificates(dir);
        certificates.ca("ca");
        certificates.server("server", "ca");
        certificates.client("device", "ca", "device-7", "device-7.example");
        TlsFiles mutual = new TlsFiles(
                certificates.cert("server"),
                certificates.key("server"),
                ClientAuth.REQUIRE,
                Optional.of(certificates.cert("ca")),
                UsernameFrom.CN);
        TlsFiles serverOnly = TlsFiles.serverOnly(certificates.cert("server"), certificates.key("server"));
        WharfTopics topics =
                new WharfTopics("it-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        edge = MqttEdge.start(EdgeSettings.builder("certificate-auth-it", kafka.bootstrapServers(), topics)
                .ports(-1, -1)
                .listeners(List.of(tls(mutual), tls(serverOnly)))
                .auth(AuthSettings.checkedBy(new ConfiguredAuthenticator(Optional.empty(), Optional.empty(), false)))
                .build());
    }

    @AfterAll
    void stopEdge() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void aVerifiedCertificateIsLetInWithoutAPassword() {
        CommandResult published = MosquittoClients.publish(
                edge.listenerPorts().get(0),
                "certificate/reading",
                "21.5",
                "--cafile",
                certificates.cert("ca").toString(),
                "--cert",
                certificates.cert("device").toString(),
                "--key",
                certificates.key("device").toString(),
                "-i",
                "certified-device");
        assertThat(published.exitCode()).as(published.output()).isZero();
    }

    @Test
    void theSameClientWithoutACertificateIsAnonymousAndNotAuthorized() {
        CommandResult refused = MosquittoClients.publish(
                edge.listenerPorts().get(1),
                "certificate/reading",
                "21.5",
                "--cafile",
                certificates.cert("ca").toString(),
                "-i",
                "uncertified-device");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).containsIgnoringCase("not authori");
    }

    private static ListenerSettings tls(TlsFiles files) {
        return new ListenerSettings(
                ListenerKind.TLS, "127.0.0.1", 0, false, Optional.of(files), ListenerSettings.DEFAULT_PATH);
    }
}
