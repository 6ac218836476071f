package io.wharf.edge.conformance.mqtt5;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 5 section 3.3.2.3.3 (Message Expiry Interval). */
@Timeout(90)
class MessageExpiryIT extends EdgePerClass {

    /** [MQTT-3.3.2-5]: a message whose interval has passed is not delivered. */
    @Test
    void anExpiredMessageIsNotDeliveredToASessionThatWasAway() throws Exception {
        subscribeAndLeave("expiry-away", "message-expiry/away");
        publish("message-expiry/away", "expires", 1);
        publish("message-expiry/away", "stays", 0);
        Thread.sleep(2500); // past the first message's interval

        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-away", false, 0, sessionExpiry()));
            client.expect(Packet.CONNACK);
            Packet delivered = client.expect(Packet.PUBLISH);
            assertThat(delivered.payloadText()).isEqualTo("stays");
            assertThat(delivered.properties().has(Wire.MESSAGE_EXPIRY_INTERVAL)).isFalse();
        }
    }

    /** [MQTT-3.3.2-6]: the interval sent on is what remains of it. */
    @Test
    void theRemainingIntervalIsSent() throws Exception {
        subscribeAndLeave("expiry-remaining", "message-expiry/remaining");
        publish("message-expiry/remaining", "waits", 60);
        Thread.sleep(2100); // let two seconds of the interval pass

        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("expiry-remaining", false, 0, sessionExpiry()));
            client.expect(Packet.CONNACK);
            Packet delivered = client.expect(Packet.PUBLISH);
            assertThat(delivered.payloadText()).isEqualTo("waits");
            assertThat((Long) delivered.properties().first(Wire.MESSAGE_EXPIRY_INTERVAL))
                    .isBetween(1L, 58L);
        }
    }

    /** [MQTT-3.3.2-5]: an expired retained message is not sent to a new subscriber either. */
    @Test
    void anExpiredRetainedMessageIsNotSentOnSubscribe() throws Exception {
        try (RawMqttClient publisher = RawMqttClient.connected5(port(), "expiry-retained-pub", Wire.of())) {
            publisher.send(Wire.of()
                    .utf8("message-expiry/retained")
                    .u16(1)
                    .properties(expiry(1))
                    .raw(Clients.utf8("expires"))
                    .packet(Wire.PUBLISH | 0x02 | 0x01));
            publisher.expect(Packet.PUBACK);
        }
        Thread.sleep(2500);
        try (RawMqttClient client = RawMqttClient.connected5(port(), "expiry-retained-sub", Wire.of())) {
            client.subscribe("message-expiry/retained", 1);
            publish("message-expiry/retained", "marker", 0);
            assertThat(client.expect(Packet.PUBLISH).payloadText()).isEqualTo("marker");
        }
    }

    private void subscribeAndLeave(String clientId, String filter) {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5(clientId, true, 0, sessionExpiry()), Wire.subscribe5(1, Wire.of(), filter, 1));
            client.expect(Packet.CONNACK);
            client.expect(Packet.SUBACK);
            client.send(Wire.disconnect5(0, Wire.of()));
            client.readUntilClosed();
        }
    }

    /** Publishes at QoS 1 with the given Message Expiry Interval, or none for 0. */
    private void publish(String topic, String payload, long expirySeconds) {
        try (RawMqttClient publisher = RawMqttClient.connected5(port(), "expiry-publisher", Wire.of())) {
            publisher.send(Wire.publish5(
                    topic, 1, 1, expirySeconds > 0 ? expiry(expirySeconds) : Wire.of(), Clients.utf8(payload)));
            publisher.expect(Packet.PUBACK);
        }
    }

    private static Wire expiry(long seconds) {
        return Wire.of().u8(Wire.MESSAGE_EXPIRY_INTERVAL).u32(seconds);
    }

    private static Wire sessionExpiry() {
        return Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(300);
    }
}
