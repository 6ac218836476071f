package io.wharf.edge.conformance.mqtt5;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 5 section 3.1.2.11.2 (Session Expiry Interval) and 3.14.2.2.2 (its change in DISCONNECT). */
@Timeout(90)
class SessionExpiryIT extends EdgePerClass {

    private static final long MAX_SESSION_EXPIRY = 600;

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder()
                .maxSessionExpirySeconds(MAX_SESSION_EXPIRY)
                .build();
    }

    /** [MQTT-3.1.2-23]: with Session Expiry Interval 0 the session ends with the connection. */
    @Test
    void aSessionWithExpiry0EndsWithItsConnection() throws Exception {
        MqttClient client = Clients.paho5(edge, "expiry-0");
        MqttConnectionOptions options = Clients.options5();
        options.setSessionExpiryInterval(0L);
        client.connect(options);
        client.subscribe("expiry/zero", 1);
        client.disconnect();
        options.setCleanStart(false);
        assertThat(client.connectWithResult(options).getSessionPresent()).isFalse();
        client.disconnect();
        client.close();
    }

    /** [MQTT-3.1.2-23]: within its expiry interval a session is resumed, with the messages that waited. */
    @Test
    void aSessionIsResumedWithinItsExpiryWithTheMessagesThatWaited() throws Exception {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(
                    Wire.connect5("expiry-60", true, 0, expiry(60)), Wire.subscribe5(1, Wire.of(), "expiry/kept", 1));
            client.expect(Packet.CONNACK);
            client.expect(Packet.SUBACK);
            client.send(Wire.disconnect5(0, Wire.of()));
            client.readUntilClosed();
        }
        Clients.publish(edge, "expiry/kept", "waited", 1);
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-60", false, 0, expiry(60)));
            assertThat(client.expect(Packet.CONNACK).sessionPresent()).isTrue();
            assertThat(client.expect(Packet.PUBLISH).payloadText()).isEqualTo("waited");
        }
    }

    /** [MQTT-3.1.2-23]: once the interval has passed, the session is gone. */
    @Test
    void aSessionEndsWhenItsExpiryIntervalPasses() throws Exception {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(
                    Wire.connect5("expiry-1", true, 0, expiry(1)), Wire.subscribe5(1, Wire.of(), "expiry/short", 1));
            client.expect(Packet.CONNACK);
            client.expect(Packet.SUBACK);
            client.send(Wire.disconnect5(0, Wire.of()));
            client.readUntilClosed();
        }
        Thread.sleep(2500); // the interval, and a margin: asking earlier would resume the session
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-1", false, 0, expiry(1)));
            assertThat(client.expect(Packet.CONNACK).sessionPresent()).isFalse();
        }
    }

    /** Section 3.14.2.2.2: DISCONNECT may shorten the interval, here to 0, which ends the session. */
    @Test
    void disconnectCanEndTheSessionBySettingItsExpiryTo0() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(
                    Wire.connect5("expiry-changed", true, 0, expiry(60)),
                    Wire.subscribe5(1, Wire.of(), "expiry/changed", 1));
            client.expect(Packet.CONNACK);
            client.expect(Packet.SUBACK);
            client.send(Wire.disconnect5(0, expiry(0)));
            client.readUntilClosed();
        }
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-changed", false, 0, expiry(60)));
            assertThat(client.expect(Packet.CONNACK).sessionPresent()).isFalse();
        }
    }

    /** Section 3.14.2.2.2: the interval DISCONNECT sets is the one the stored session lives by. */
    @Test
    void aSessionLivesAsLongAsTheExpiryItsDisconnectSet() throws Exception {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(
                    Wire.connect5("expiry-lengthened", true, 0, expiry(1)),
                    Wire.subscribe5(1, Wire.of(), "expiry/lengthened", 1));
            client.expect(Packet.CONNACK);
            client.expect(Packet.SUBACK);
            client.send(Wire.disconnect5(0, expiry(60)));
            client.readUntilClosed();
        }
        Thread.sleep(2500); // past the interval of CONNECT, and a margin: the session must outlive it
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-lengthened", false, 0, expiry(60)));
            assertThat(client.expect(Packet.CONNACK).sessionPresent()).isTrue();
        }
    }

    /** [MQTT-3.14.2-2]: a session expiry set in DISCONNECT after 0 in CONNECT is a protocol error. */
    @Test
    void settingAnExpiryInDisconnectAfter0InConnectIsAProtocolError() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "expiry-after-0", Wire.of())) {
            client.send(Wire.disconnect5(0, expiry(60)));
            client.expectClosedWith(Packet.DISCONNECT, 0x82);
        }
    }

    /** Section 3.2.2.3.2: a longer interval than the edge keeps is cut, and CONNACK says so. */
    @Test
    void aLongerIntervalThanTheEdgeKeepsIsCutAndConnackSaysSo() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-capped", true, 0, expiry(0xFFFF_FFFFL)));
            assertThat(client.expect(Packet.CONNACK).properties().first(Wire.SESSION_EXPIRY_INTERVAL))
                    .isEqualTo(MAX_SESSION_EXPIRY);
        }
    }

    private static Wire expiry(long seconds) {
        return Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(seconds);
    }
}
