package io.wharf.testing;

import io.wharf.kafka.embedded.EmbeddedKafka;
import io.wharf.kafka.embedded.EmbeddedKafkaSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real single-node broker in this JVM secured as production clusters are: clients reach it over
 * SASL_SSL only, authenticated with SCRAM-SHA-512 against a user created when its storage is
 * formatted, and its certificate is signed by a CA the test made ({@link #certificates()}). Its
 * PLAINTEXT listener is for the broker itself (inter-broker traffic), not for the code under test.
 */
public final class SaslSslKafka implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LISTENER = "SASL_SSL";
    private static final String CA = "kafka-ca";
    private static final String PREFIX = "listener.name.sasl_ssl.";

    private final EmbeddedKafka broker;
    private final TestCertificates certificates;
    private final int port;
    private final String user;
    private final String password;

    private SaslSslKafka(EmbeddedKafka broker, TestCertificates certificates, int port, String user, String password) {
        this.broker = broker;
        this.certificates = certificates;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Starts a broker with fresh storage and certificates, whose one SCRAM user is {@code user}. */
    public static SaslSslKafka start(String user, String password) {
        TestCertificates certificates = TestCertificates.inNewDirectory("kafka");
        certificates.ca(CA);
        Path keystore = certificates.serverKeyAndChain("kafka", CA);
        int port = FreePorts.onLoopback();
        EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.of(TestDirectories.newDirectory("kafka-sasl-ssl"), 0)
                .withListener(new EmbeddedKafkaSettings.Listener(LISTENER, "SASL_SSL", port))
                .withScramUser(new EmbeddedKafkaSettings.ScramUser(MECHANISM, user, password))
                .withOverrides(Map.of(
                        PREFIX + "sasl.enabled.mechanisms",
                        MECHANISM,
                        PREFIX + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        PREFIX + "ssl.keystore.type",
                        "PEM",
                        PREFIX + "ssl.keystore.location",
                        keystore.toString()));
        return new SaslSslKafka(EmbeddedKafka.start(settings), certificates, port, user, password);
    }

    /** The SASL_SSL listener, the only one meant for clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The CA's certificate in PEM: what a client trusts. */
    public Path caCertificate() {
        return certificates.cert(CA);
    }

    /** The settings a Kafka client needs to reach it as the SCRAM user. */
    public Map<String, String> clientProperties() {
        return clientProperties(password, caCertificate());
    }

    /** The settings of a client that presents {@code password} and trusts the CA in {@code truststore}. */
    public Map<String, String> clientProperties(String password, Path truststore) {
        return Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                MECHANISM,
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";",
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                truststore.toString());
    }

    @Override
    public void close() {
        broker.close();
    }
}
