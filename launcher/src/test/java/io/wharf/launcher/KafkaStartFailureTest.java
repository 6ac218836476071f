package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.kafka.TopicProvisioningException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.Test;

class KafkaStartFailureTest {

    private static final String BOOTSTRAP = "kafka-1:9093";

    @Test
    void refusedCredentialsNameSaslJaasConfigInKafkaProperties() {
        RuntimeException failure = provisioningFailedWith(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism"
                        + " SCRAM-SHA-512"));

        assertThat(KafkaStartFailure.explain(failure, BOOTSTRAP))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("Kafka at kafka-1:9093 refused Wharf's credentials (SaslAuthenticationException:"
                                + " Authentication failed")
                        .contains("sasl.jaas.config in kafka-properties"));
    }

    @Test
    void aFailedTlsHandshakeNamesTheTruststoreAndWhatTheCheckFound() {
        RuntimeException failure = provisioningFailedWith(new SslAuthenticationException(
                "SSL handshake failed", new SSLHandshakeException("PKIX path building failed")));

        assertThat(KafkaStartFailure.explain(failure, BOOTSTRAP))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("the TLS handshake with Kafka at kafka-1:9093 failed (SslAuthenticationException:"
                                + " SSL handshake failed: PKIX path building failed)")
                        .contains("ssl.truststore.location in kafka-properties"));
    }

    @Test
    void aMechanismTheBrokerDoesNotOfferNamesTheSecuritySettings() {
        RuntimeException failure = provisioningFailedWith(
                new UnsupportedSaslMechanismException("Client SASL mechanism 'PLAIN' not enabled"));

        assertThat(KafkaStartFailure.explain(failure, BOOTSTRAP))
                .hasValueSatisfying(line ->
                        assertThat(line).contains("did not let Wharf in").contains("sasl.mechanism"));
    }

    @Test
    void otherFailuresAreLeftToTheGeneralMessage() {
        RuntimeException failure =
                new TopicProvisioningException("Kafka at kafka-1:9093 did not answer within 30 s", null);

        assertThat(KafkaStartFailure.explain(failure, BOOTSTRAP)).isEmpty();
    }

    /** As the topic provisioner reports an admin call that failed. */
    private static RuntimeException provisioningFailedWith(Exception kafkaError) {
        return new TopicProvisioningException(
                "Kafka at kafka-1:9093 refused: " + kafkaError.getMessage(), new ExecutionException(kafkaError));
    }
}
