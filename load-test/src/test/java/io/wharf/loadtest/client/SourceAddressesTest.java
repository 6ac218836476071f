package io.wharf.loadtest.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void tenThousandConnectionsComeFromTwoLoopbackAddresses() {
        assertThat(SourceAddresses.forConnection(0).getHostString()).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.forConnection(4_999).getHostString()).isEqualTo("127.0.0.2");
        assertThat(SourceAddresses.forConnection(5_000).getHostString()).isEqualTo("127.0.0.3");
        assertThat(SourceAddresses.forConnection(9_999).getHostString()).isEqualTo("127.0.0.3");
        assertThat(SourceAddresses.forConnection(0).getPort()).isZero();
    }

    @Test
    void afterTheLastLoopbackAddressTheFirstComesRoundAgain() {
        assertThat(SourceAddresses.forConnection(252L * 5_000).getHostString()).isEqualTo("127.0.0.254");
        assertThat(SourceAddresses.forConnection(253L * 5_000).getHostString()).isEqualTo("127.0.0.2");
    }

    @Test
    void loadIsNeverSentOffTheMachine() {
        assertThatThrownBy(() -> new ConnectSettings("10.0.0.1", 1883, MqttVersion.MQTT_5, 60, true))
                .hasMessageContaining("loopback");
    }
}
