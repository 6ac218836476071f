package io.wharf.edge.conformance.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 3.1.1 and 5.0 section 3.1 (CONNECT) and 3.2 (CONNACK). */
@Timeout(90)
class ConnectIT extends EdgePerClass {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Test
    void anMqtt311ClientIsAccepted() throws Exception {
        MqttClient client = Clients.paho311(edge, "connect-311", true);
        assertThat(client.isConnected()).isTrue();
        Clients.close(client);
    }

    @Test
    void anMqtt31ClientIsAccepted() throws Exception {
        MqttClient client =
                Clients.paho3(edge, "connect-31", Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1, true));
        assertThat(client.isConnected()).isTrue();
        Clients.close(client);
    }

    /** [MQTT-3.1.2-2] in 3.1.1: an unsupported protocol level is answered with return code 0x01. */
    @Test
    void anUnsupportedOlderProtocolLevelIsRefusedWithReturnCode0x01() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.getOutputStream()
                    .write(Wire.of()
                            .utf8("MQTT")
                            .u8(2)
                            .u8(0x02)
                            .u16(0)
                            .utf8("level-2")
                            .packet(Wire.CONNECT));
            assertThat(socket.getInputStream().readAllBytes())
                    .as("3.1.1 CONNACK 0x01, then close")
                    .containsExactly(0x20, 0x02, 0x00, 0x01);
        }
    }

    /** MQTT 5 section 3.1.2.2: a newer protocol level gets an MQTT 5 CONNACK 0x84 (Unsupported Protocol Version). */
    @Test
    void aNewerProtocolLevelIsRefusedWithAnMqtt5Connack0x84() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.getOutputStream()
                    .write(Wire.of()
                            .utf8("MQTT")
                            .u8(6)
                            .u8(0x02)
                            .u16(0)
                            .u8(0)
                            .utf8("level-6")
                            .packet(Wire.CONNECT));
            assertThat(socket.getInputStream().readAllBytes())
                    .as("MQTT 5 CONNACK 0x84, then close")
                    .containsExactly(0x20, 0x03, 0x00, 0x84, 0x00);
        }
    }

    /** [MQTT-3.1.2-1]: a protocol name that is not MQTT's is not accepted. */
    @Test
    void anUnknownProtocolNameIsNotAccepted() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.of()
                    .utf8("MQTX")
                    .u8(4)
                    .u8(0x02)
                    .u16(0)
                    .utf8("wrong-name")
                    .packet(Wire.CONNECT));
            List<Packet> answer = client.readUntilClosed();
            assertThat(answer)
                    .allSatisfy(packet -> assertThat(packet.reasonCode()).isNotZero());
        }
    }

    /** [MQTT-3.1.3-6]: an empty client id with a clean session gets an id from the server. */
    @Test
    void anEmptyClientIdWithACleanSessionIsAcceptedInMqtt311() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.connect311("", true, 0));
            assertThat(client.expect(Packet.CONNACK).reasonCode()).isZero();
        }
    }

    /** [MQTT-3.1.3-8]: an empty client id without a clean session is refused with 0x02. */
    @Test
    void anEmptyClientIdWithoutACleanSessionIsRefusedWith0x02InMqtt311() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.connect311("", false, 0));
            assertThat(client.expect(Packet.CONNACK).reasonCode()).isEqualTo(0x02);
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 3.1 requires a client id of 1 to 23 characters: an empty one is refused with 0x02. */
    @Test
    void anEmptyClientIdIsRefusedWith0x02InMqtt31() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.of().utf8("MQIsdp").u8(3).u8(0x02).u16(0).utf8("").packet(Wire.CONNECT));
            assertThat(client.expect(Packet.CONNACK).reasonCode()).isEqualTo(0x02);
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 5 [MQTT-3.2.2-16]: the id the server assigns is returned as Assigned Client Identifier. */
    @Test
    void anEmptyClientIdGetsAnAssignedClientIdentifierInMqtt5() {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "");
        Mqtt5ConnAck connAck = client.connect();
        assertThat(connAck.getAssignedClientIdentifier())
                .hasValueSatisfying(id -> assertThat(id.toString()).isNotEmpty());
        client.disconnect();
    }

    /** A client id over the edge's maximum length is refused as an identifier the server rejects. */
    @Test
    void aClientIdLongerThanTheMaximumIsRefusedWith0x02InMqtt311() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.connect311("x".repeat(settings().maxClientIdLength() + 1), true, 0));
            assertThat(client.expect(Packet.CONNACK).reasonCode()).isEqualTo(0x02);
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 5: the same, with reason code 0x85 (Client Identifier not valid). */
    @Test
    void aClientIdLongerThanTheMaximumIsRefusedWith0x85InMqtt5() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("x".repeat(settings().maxClientIdLength() + 1), 0, Wire.of()));
            assertThat(client.expect(Packet.CONNACK).reasonCode()).isEqualTo(0x85);
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** [MQTT-3.1.2-18] to [MQTT-3.1.2-21]: the user name and password flags and fields. */
    @Test
    void aUserNameAndPasswordAreAccepted() throws Exception {
        MqttConnectOptions options = Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1_1, true);
        options.setUserName("someone");
        options.setPassword("secret".toCharArray());
        MqttClient client = Clients.paho3(edge, "connect-credentials", options);
        assertThat(client.isConnected()).isTrue();
        Clients.close(client);
    }

    /** [MQTT-3.1.2-22]: in 3.1.1 a password without a user name is a protocol violation. */
    @Test
    void aPasswordWithoutAUserNameClosesAnMqtt311Connection() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.of()
                    .utf8("MQTT")
                    .u8(4)
                    .u8(0x40 | 0x02)
                    .u16(0)
                    .utf8("password-only")
                    .utf8("secret")
                    .packet(Wire.CONNECT));
            assertThat(client.readUntilClosed())
                    .allSatisfy(packet -> assertThat(packet.reasonCode()).isNotZero());
        }
    }

    /** MQTT 5 allows a password without a user name (section 3.1.2.9). */
    @Test
    void aPasswordWithoutAUserNameIsAcceptedInMqtt5() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.of()
                    .utf8("MQTT")
                    .u8(5)
                    .u8(0x40 | 0x02)
                    .u16(0)
                    .properties(Wire.of())
                    .utf8("password-only-5")
                    .utf8("secret")
                    .packet(Wire.CONNECT));
            assertThat(client.expect(Packet.CONNACK).reasonCode()).isZero();
        }
    }

    /** [MQTT-3.1.0-2]: a second CONNECT on a connection is a protocol violation that closes it. */
    @Test
    void aSecondConnectClosesAnMqtt311Connection() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "second-connect-311")) {
            client.send(Wire.connect311("second-connect-311", true, 0));
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 5 [MQTT-3.1.0-2]: the same, told with DISCONNECT 0x82 (Protocol Error). */
    @Test
    void aSecondConnectIsAnsweredWithDisconnect0x82InMqtt5() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "second-connect-5", Wire.of())) {
            client.send(Wire.connect5("second-connect-5", 0, Wire.of()));
            client.expectClosedWith(Packet.DISCONNECT, 0x82);
        }
    }

    /** [MQTT-3.1.0-1]: the first packet from a client must be CONNECT. */
    @Test
    void aFirstPacketOtherThanConnectClosesTheConnection() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.pingReq());
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** A socket that never sends CONNECT is closed after the configured connect timeout. */
    @Test
    void aSocketThatNeverSendsConnectIsClosedAfterTheConnectTimeout() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            assertThat(client.readUntilClosed(CONNECT_TIMEOUT.multipliedBy(10))).isEmpty();
        }
    }

    /** The same for a socket that starts a CONNECT and never finishes it. */
    @Test
    void aSocketThatSendsHalfAConnectIsClosedAfterTheConnectTimeout() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            byte[] connect = Wire.connect311("half-connect", true, 0);
            client.send(java.util.Arrays.copyOf(connect, connect.length / 2));
            assertThat(client.readUntilClosed(CONNECT_TIMEOUT.multipliedBy(10))).isEmpty();
        }
    }

    /** [MQTT-3.2.2-1] / [MQTT-3.2.2-2]: Session Present tells whether a stored session was resumed. */
    @Test
    void sessionPresentIsSetOnlyWhenAPersistentSessionResumes() throws Exception {
        MqttConnectOptions persistent = Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1_1, false);
        MqttClient client = new MqttClient(
                edge.mqttUri(), "session-present", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        assertThat(client.connectWithResult(persistent).getSessionPresent())
                .as("first connection")
                .isFalse();
        client.subscribe("session-present/topic", 1);
        client.disconnect();
        assertThat(client.connectWithResult(persistent).getSessionPresent())
                .as("resumed")
                .isTrue();
        client.disconnect();
        assertThat(client.connectWithResult(Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1_1, true))
                        .getSessionPresent())
                .as("clean session")
                .isFalse();
        Clients.close(client);
    }

    /** [MQTT-3.1.4-2], MQTT 5 [MQTT-3.1.4-3]: a second connection with the same id takes over. */
    @Test
    void aSecondConnectionWithTheSameClientIdClosesTheFirstWithDisconnect0x8E() {
        try (RawMqttClient first = RawMqttClient.connected5(port(), "taken-over", Wire.of());
                RawMqttClient second = RawMqttClient.connected5(port(), "taken-over", Wire.of())) {
            first.expectClosedWith(Packet.DISCONNECT, 0x8E);
            second.send(Wire.pingReq());
            second.expect(Packet.PINGRESP);
        }
    }

    /** MQTT 5 section 3.2.2.3: CONNACK tells the client the edge's limits. */
    @Test
    void connackCarriesTheEdgesLimitsInMqtt5() {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "connack-limits");
        Mqtt5ConnAck connAck = client.connect();
        assertThat(connAck.getRestrictions().getReceiveMaximum())
                .isEqualTo(settings().receiveMaximum());
        // no more than the message topics take, less what a record needs besides topic and payload
        assertThat(connAck.getRestrictions().getMaximumPacketSize())
                .isBetween(settings().maxPacketSize() - 1024, settings().maxPacketSize());
        assertThat(connAck.getRestrictions().getTopicAliasMaximum())
                .isEqualTo(settings().topicAliasMaximum());
        assertThat(connAck.getRestrictions().isSharedSubscriptionAvailable()).isTrue();
        client.disconnect();
    }

    /** MQTT 5 section 3.1.2.11.7: Response Information is returned when the client asks for it. */
    @Test
    void responseInformationIsReturnedWhenRequested() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5(
                    "response-information",
                    0,
                    Wire.of().u8(Wire.REQUEST_RESPONSE_INFORMATION).u8(1)));
            Packet connAck = client.expect(Packet.CONNACK);
            assertThat(connAck.reasonCode()).isZero();
            assertThat((String) connAck.properties().first(Wire.RESPONSE_INFORMATION))
                    .isNotEmpty();
        }
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("no-response-information", 0, Wire.of()));
            assertThat(client.expect(Packet.CONNACK).properties().has(Wire.RESPONSE_INFORMATION))
                    .isFalse();
        }
    }
}
