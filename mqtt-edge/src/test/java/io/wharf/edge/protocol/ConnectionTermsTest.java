package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

/** MQTT 5 section 3.14.2.2.2: what a DISCONNECT may do to the session expiry agreed in CONNECT. */
class ConnectionTermsTest {

    private static final long MAX_SESSION_EXPIRY = 3600;

    @Test
    void aSessionThatEndedWithTheConnectionCannotBeGivenAnExpiryAtDisconnect() {
        ConnectionTerms terms = terms(0);

        // [MQTT-3.14.2-2]: 0 in CONNECT and non-zero in DISCONNECT is a protocol error
        assertThat(terms.changeSessionExpiry(60)).isFalse();
        assertThat(terms.sessionExpirySeconds()).isZero();
    }

    @Test
    void aSessionWithAnExpiryTakesTheOneSetAtDisconnectUpToTheEdgesMaximum() {
        ConnectionTerms terms = terms(60);

        assertThat(terms.changeSessionExpiry(0)).isTrue();
        assertThat(terms.sessionExpirySeconds()).isZero();
        assertThat(terms.changeSessionExpiry(MAX_SESSION_EXPIRY * 2)).isTrue();
        assertThat(terms.sessionExpirySeconds()).isEqualTo(MAX_SESSION_EXPIRY);
    }

    @Test
    void reasonStringsGoOnlyToClientsThatAskForProblemInformation() {
        assertThat(terms(0, true).reasonString("why").isEmpty()).isFalse();
        assertThat(terms(0, false).reasonString("why").isEmpty()).isTrue();
    }

    private static ConnectionTerms terms(long sessionExpirySeconds) {
        return terms(sessionExpirySeconds, true);
    }

    private static ConnectionTerms terms(long sessionExpirySeconds, boolean problemInformation) {
        ClientLimits limits = new ClientLimits(10, 1024, 0, problemInformation, false);
        ConnectDecision.Accepted accepted = new ConnectDecision.Accepted(
                MqttVersion.MQTT_5, "c", false, true, 60, false, sessionExpirySeconds, false, limits, null, 0);
        return new ConnectionTerms(accepted, MAX_SESSION_EXPIRY);
    }
}
