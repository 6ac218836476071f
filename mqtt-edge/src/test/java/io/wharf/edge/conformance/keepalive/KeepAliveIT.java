package io.wharf.edge.conformance.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 3.1.1 and 5.0 section 3.1.2.10 (Keep Alive), 3.12 (PINGREQ) and 3.13 (PINGRESP). */
@Timeout(90)
class KeepAliveIT extends EdgePerClass {

    private static final int MAX_KEEP_ALIVE = 2;

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().maxKeepAliveSeconds(MAX_KEEP_ALIVE).build();
    }

    /** [MQTT-3.1.2-24]: no packet for one and a half keep-alive intervals closes the connection. */
    @Test
    void anMqtt311ConnectionSilentForOneAndAHalfKeepAlivesIsClosed() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.connect311("silent-311", true, 1));
            client.expect(Packet.CONNACK);
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 5 [MQTT-3.1.2-22]: the same, told with DISCONNECT 0x8D (Keep Alive timeout). */
    @Test
    void anMqtt5ConnectionSilentTooLongGetsDisconnect0x8D() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("silent-5", 1, Wire.of()));
            client.expect(Packet.CONNACK);
            client.expectClosedWith(Packet.DISCONNECT, 0x8D);
        }
    }

    /** [MQTT-3.12.4-1]: PINGREQ is answered with PINGRESP, and keeps the connection alive. */
    @Test
    void aClientThatPingsStaysConnectedLongPastItsKeepAlive() throws InterruptedException {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.connect311("pinger", true, 1));
            client.expect(Packet.CONNACK);
            for (int i = 0; i < 8; i++) {
                Thread.sleep(500);
                client.send(Wire.pingReq());
                client.expect(Packet.PINGRESP);
            }
        }
    }

    /** MQTT 5 [MQTT-3.2.2-21]: a longer keep-alive than the edge allows comes back as Server Keep Alive. */
    @Test
    void aLongerKeepAliveIsCutToTheServerKeepAliveInMqtt5() {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "server-keep-alive");
        assertThat(client.connectWith().keepAlive(60).send().getServerKeepAlive())
                .hasValue(MAX_KEEP_ALIVE);
        client.disconnect();
    }

    /** MQTT 5 [MQTT-3.2.2-22]: the edge holds the client to the Server Keep Alive it sent. */
    @Test
    void theServerKeepAliveIsEnforced() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("server-keep-alive-silent", 0, Wire.of()));
            assertThat(client.expect(Packet.CONNACK).properties().first(Wire.SERVER_KEEP_ALIVE))
                    .as("keep-alive 0 replaced")
                    .isEqualTo(MAX_KEEP_ALIVE);
            client.expectClosedWith(Packet.DISCONNECT, 0x8D);
        }
    }

    /** MQTT 5: a keep-alive within the maximum is kept, and no Server Keep Alive is sent. */
    @Test
    void aKeepAliveWithinTheMaximumIsKept() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("keep-alive-kept", 1, Wire.of()));
            assertThat(client.expect(Packet.CONNACK).properties().has(Wire.SERVER_KEEP_ALIVE))
                    .isFalse();
        }
    }
}
