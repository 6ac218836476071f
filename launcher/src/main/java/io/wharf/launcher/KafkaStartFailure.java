package io.wharf.launcher;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns a start that failed because Kafka would not let Wharf in into one line that names the
 * {@value KafkaClientProperties#KEY} settings to fix. Such failures come back at once from the
 * Kafka client, unlike an unreachable cluster, and say nothing secret (no password, no JAAS value).
 */
final class KafkaStartFailure {

    private KafkaStartFailure() {}

    /** The explanation, or empty when {@code failure} is not Kafka refusing Wharf's credentials or TLS. */
    static Optional<String> explain(Throwable failure, String bootstrap) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return Optional.of("the TLS handshake with Kafka at " + bootstrap + " failed (" + describe(cause)
                        + "): check that ssl.truststore.location in " + KafkaClientProperties.KEY
                        + " holds the CA certificate that signed the brokers' certificates, and that these name the"
                        + " addresses in --kafka");
            }
            if (cause instanceof SaslAuthenticationException) {
                return Optional.of("Kafka at " + bootstrap + " refused Wharf's credentials (" + describe(cause)
                        + "): check the user name and password in sasl.jaas.config in " + KafkaClientProperties.KEY
                        + ", and sasl.mechanism");
            }
            if (cause instanceof AuthenticationException) {
                return Optional.of("Kafka at " + bootstrap + " did not let Wharf in (" + describe(cause)
                        + "): check security.protocol, sasl.mechanism and sasl.jaas.config in "
                        + KafkaClientProperties.KEY + " against the brokers' listener");
            }
        }
        return Optional.empty();
    }

    /** The exception's type and message, and those of its own causes, which say what the TLS check found. */
    private static String describe(Throwable authentication) {
        StringBuilder text = new StringBuilder(authentication.getClass().getSimpleName())
                .append(": ")
                .append(authentication.getMessage());
        for (Throwable cause = authentication.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
