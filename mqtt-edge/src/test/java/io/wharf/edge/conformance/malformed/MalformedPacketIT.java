package io.wharf.edge.conformance.malformed;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.Inbox;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT 3.1.1 section 4.8 / MQTT 5 section 4.13: a malformed packet or protocol error closes that
 * one connection, with DISCONNECT and the spec's reason code in MQTT 5 (CONNACK for a bad CONNECT),
 * and silently in 3.1.1. A bystander client stays connected and working through all of it.
 */
@Timeout(90)
class MalformedPacketIT extends EdgePerClass {

    private static final int MAX_PACKET_SIZE = 2048;
    private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

    private MqttClient bystander;
    private final Inbox bystanderInbox = new Inbox();
    private int roundTrips;

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().maxPacketSize(MAX_PACKET_SIZE).build();
    }

    @BeforeAll
    void connectBystander() throws Exception {
        bystander = Clients.paho311(edge, "bystander", true);
        bystander.subscribe("bystander/echo", 1, bystanderInbox);
    }

    @AfterAll
    void disconnectBystander() {
        Clients.close(bystander);
    }

    /** Other connections are never disturbed: the bystander still publishes and receives. */
    @AfterEach
    void bystanderIsUndisturbed() throws Exception {
        assertThat(bystander.isConnected()).isTrue();
        String payload = "echo-" + ++roundTrips;
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        bystander.publish("bystander/echo", message);
        bystanderInbox.awaitPayload(payload);
    }

    // ---- the fixed header ------------------------------------------------------------------------

    /** [MQTT-2.2.3] / 5.0 section 1.5.5: a Remaining Length takes at most four bytes. */
    @Test
    void aRemainingLengthOfMoreThanFourBytesClosesAnMqtt311Connection() {
        assertClosedSilently311(
                "bad-length-311", new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
    }

    @Test
    void aRemainingLengthOfMoreThanFourBytesIsAnsweredWithDisconnect0x81() {
        assertDisconnected5(
                "bad-length-5", 0x81, new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
    }

    /** [MQTT-2.2.2-1] / [MQTT-2.2.2-2]: SUBSCRIBE's reserved flags must be 0010. */
    @Test
    void wrongReservedFlagsCloseAnMqtt311Connection() {
        assertClosedSilently311(
                "bad-flags-311", Wire.of().u16(1).utf8("a/b").u8(0).packet(0x80));
    }

    @Test
    void wrongReservedFlagsAreAnsweredWithDisconnect0x81() {
        assertDisconnected5(
                "bad-flags-5",
                0x81,
                Wire.of().u16(1).properties(Wire.of()).utf8("a/b").u8(0).packet(0x80));
    }

    /** [MQTT-3.3.1-4]: a PUBLISH must not have both QoS bits set. */
    @Test
    void aPublishWithQos3ClosesTheConnection() {
        assertClosedSilently311(
                "qos-3", Wire.of().utf8("a/b").u16(1).raw(PAYLOAD).packet(0x36));
    }

    /** MQTT 3.1.1 section 2.2.1: packet types 0 and 15 are reserved. */
    @Test
    void anUnknownPacketTypeClosesAnMqtt311Connection() {
        assertClosedSilently311("type-0", new byte[] {0x00, 0x00});
        assertClosedSilently311("type-15", new byte[] {(byte) 0xF0, 0x00});
    }

    @Test
    void anUnknownPacketTypeIsAnsweredWithDisconnectInMqtt5() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "type-0-5", Wire.of())) {
            client.send(new byte[] {0x00, 0x00});
            assertThat(client.readUntilClosed())
                    .allSatisfy(packet -> assertThat(packet.reasonCode()).isIn(0x81, 0x82));
        }
    }

    // ---- identifiers, strings, sizes -----------------------------------------------------------------

    /** [MQTT-2.3.1-1]: a QoS 1 or 2 PUBLISH needs a non-zero packet id. */
    @Test
    void packetId0InAPublishClosesTheConnection() {
        assertClosedSilently311("packet-id-0", Wire.publish311("a/b", 1, 0, PAYLOAD));
    }

    @Test
    void packetId0InASubscribeIsAnsweredWithDisconnectInMqtt5() {
        assertDisconnected5("packet-id-0-5", 0x81, Wire.subscribe5(0, Wire.of(), "a/b", 0));
    }

    /** [MQTT-1.5.3-1]: a string that is not well-formed UTF-8 makes the packet malformed. */
    @Test
    void invalidUtf8InATopicNameClosesAnMqtt311Connection() {
        byte[] notUtf8 = {'a', '/', (byte) 0xC0, (byte) 0x80};
        assertClosedSilently311(
                "bad-utf8-311", Wire.of().binary(notUtf8).raw(PAYLOAD).packet(Wire.PUBLISH));
    }

    @Test
    void invalidUtf8InATopicNameIsAnsweredWithDisconnect0x81() {
        byte[] surrogate = {'a', '/', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertDisconnected5(
                "bad-utf8-5",
                0x81,
                Wire.of().binary(surrogate).properties(Wire.of()).raw(PAYLOAD).packet(Wire.PUBLISH));
    }

    /** [MQTT-1.5.3-2]: a string must not contain the null character. */
    @Test
    void aNullCharacterInATopicNameClosesTheConnection() {
        assertClosedSilently311(
                "null-char",
                Wire.of().binary(new byte[] {'a', 0, 'b'}).raw(PAYLOAD).packet(Wire.PUBLISH));
    }

    /** MQTT 5 [MQTT-3.1.2-24]: a packet over the Maximum Packet Size in CONNACK ends with 0x95. */
    @Test
    void aPacketOverTheMaximumPacketSizeIsAnsweredWithDisconnect0x95() {
        assertDisconnected5("too-large-5", 0x95, Wire.publish5("a/b", 0, 0, Wire.of(), new byte[MAX_PACKET_SIZE]));
    }

    @Test
    void aPacketOverTheMaximumPacketSizeClosesAnMqtt311Connection() {
        assertClosedSilently311("too-large-311", Wire.publish311("a/b", 0, 0, new byte[MAX_PACKET_SIZE]));
    }

    /** [MQTT-3.8.3-3] / [MQTT-3.10.3-2]: SUBSCRIBE and UNSUBSCRIBE need at least one filter. */
    @Test
    void aSubscribeWithoutAnyFilterClosesTheConnection() {
        assertClosedSilently311("empty-subscribe", Wire.of().u16(1).packet(Wire.SUBSCRIBE));
    }

    @Test
    void aSubscribeWithoutAnyFilterIsAnsweredWithDisconnect0x82() {
        assertDisconnected5(
                "empty-subscribe-5",
                0x82,
                Wire.of().u16(1).properties(Wire.of()).packet(Wire.SUBSCRIBE));
    }

    @Test
    void anUnsubscribeWithoutAnyFilterClosesTheConnection() {
        assertClosedSilently311("empty-unsubscribe", Wire.of().u16(1).packet(Wire.UNSUBSCRIBE));
    }

    /** MQTT 5 section 2.2.2.2: a property the packet type does not allow makes it malformed. */
    @Test
    void aPropertyNotAllowedInPublishIsAnsweredWithDisconnect0x81() {
        Wire sessionExpiry = Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(60);
        assertDisconnected5("bad-property", 0x81, Wire.publish5("a/b", 0, 0, sessionExpiry, PAYLOAD));
    }

    // ---- CONNECT -----------------------------------------------------------------------------------

    /** [MQTT-3.1.2-3]: CONNECT's reserved flag must be 0. */
    @Test
    void aConnectWithTheReservedFlagSetClosesAnMqtt311Connection() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.of()
                    .utf8("MQTT")
                    .u8(4)
                    .u8(0x03)
                    .u16(0)
                    .utf8("reserved-flag")
                    .packet(Wire.CONNECT));
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 5 [MQTT-4.13.1-1]: a malformed CONNECT may be answered with CONNACK 0x81 before closing. */
    @Test
    void aConnectWithTheReservedFlagSetIsRefusedWith0x81InMqtt5() {
        assertConnectRefused5(
                Wire.of()
                        .utf8("MQTT")
                        .u8(5)
                        .u8(0x03)
                        .u16(0)
                        .properties(Wire.of())
                        .utf8("reserved-flag-5")
                        .packet(Wire.CONNECT),
                0x81);
    }

    /** [MQTT-3.1.2-11] / [MQTT-3.1.2-13] / [MQTT-3.1.2-15]: no will QoS or retain without a will. */
    @Test
    void willQosWithoutAWillClosesAnMqtt311Connection() {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(Wire.of()
                    .utf8("MQTT")
                    .u8(4)
                    .u8(0x08 | 0x02)
                    .u16(0)
                    .utf8("will-qos-no-will")
                    .packet(Wire.CONNECT));
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void willRetainWithoutAWillIsRefusedWith0x81InMqtt5() {
        assertConnectRefused5(
                Wire.of()
                        .utf8("MQTT")
                        .u8(5)
                        .u8(0x20 | 0x02)
                        .u16(0)
                        .properties(Wire.of())
                        .utf8("will-retain-no-will")
                        .packet(Wire.CONNECT),
                0x81);
    }

    /** [MQTT-3.1.2-14]: will QoS 3 is malformed. */
    @Test
    void willQos3IsRefusedWith0x81InMqtt5() {
        byte[] connect = Wire.of()
                .utf8("MQTT")
                .u8(5)
                .u8(0x18 | 0x04 | 0x02)
                .u16(0)
                .properties(Wire.of())
                .utf8("will-qos-3")
                .properties(Wire.of())
                .utf8("will/topic")
                .binary(PAYLOAD)
                .packet(Wire.CONNECT);
        assertConnectRefused5(connect, 0x81);
    }

    /** [MQTT-1.5.3-1] in CONNECT: a client id that is not UTF-8. */
    @Test
    void invalidUtf8InTheClientIdIsRefusedWith0x81InMqtt5() {
        byte[] notUtf8 = {'i', 'd', (byte) 0xFF};
        assertConnectRefused5(
                Wire.of()
                        .utf8("MQTT")
                        .u8(5)
                        .u8(0x02)
                        .u16(0)
                        .properties(Wire.of())
                        .binary(notUtf8)
                        .packet(Wire.CONNECT),
                0x81);
    }

    /** MQTT 5 section 2.2.2.2: CONNECT too may carry only the properties its type allows. */
    @Test
    void aPropertyNotAllowedInConnectIsRefusedWith0x81() {
        Wire topicAlias = Wire.of().u8(Wire.TOPIC_ALIAS).u16(1);
        assertConnectRefused5(Wire.connect5("bad-connect-property", 0, topicAlias), 0x81);
    }

    @Test
    void aPropertyNotAllowedInTheWillIsRefusedWith0x81() {
        Wire topicAlias = Wire.of().u8(Wire.TOPIC_ALIAS).u16(1);
        byte[] connect = Wire.of()
                .utf8("MQTT")
                .u8(5)
                .u8(0x04 | 0x02)
                .u16(0)
                .properties(Wire.of())
                .utf8("bad-will-property")
                .properties(topicAlias)
                .utf8("will/topic")
                .binary(PAYLOAD)
                .packet(Wire.CONNECT);
        assertConnectRefused5(connect, 0x81);
    }

    /** Many broken connections at once leave the bystander (checked after each test) alone. */
    @Test
    void manyBrokenConnectionsAtOnceDisturbNoOtherClient() {
        List<RawMqttClient> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RawMqttClient client = RawMqttClient.connected311(port(), "broken-" + i);
            clients.add(client);
            client.send(Wire.of().u16(1).utf8("a/#/b").u8(0).packet(0x80));
        }
        for (RawMqttClient client : clients) {
            assertThat(client.readUntilClosed()).isEmpty();
            client.close();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private void assertClosedSilently311(String clientId, byte[] packet) {
        try (RawMqttClient client = RawMqttClient.connected311(port(), clientId)) {
            client.send(packet);
            assertThat(client.readUntilClosed())
                    .as("MQTT 3.1.1 has no DISCONNECT from the server")
                    .isEmpty();
        }
    }

    private void assertDisconnected5(String clientId, int reasonCode, byte[] packet) {
        try (RawMqttClient client = RawMqttClient.connected5(port(), clientId, Wire.of())) {
            client.send(packet);
            client.expectClosedWith(Packet.DISCONNECT, reasonCode);
        }
    }

    private void assertConnectRefused5(byte[] connect, int reasonCode) {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(connect);
            client.expectClosedWith(Packet.CONNACK, reasonCode);
        }
    }
}
