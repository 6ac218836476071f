package io.wharf.edge.conformance.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT 5 section 4.9 (flow control, Receive Maximum) in both directions, and how the edge limits
 * an MQTT 3.1.1 publisher, which has no Receive Maximum to be told.
 */
@Timeout(90)
class FlowControlIT extends EdgePerClass {

    private static final int RECEIVE_MAXIMUM = 2;
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().receiveMaximum(RECEIVE_MAXIMUM).build();
    }

    @Test
    void connackTellsAnMqtt5ClientTheEdgesReceiveMaximum() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5("receive-maximum", 0, Wire.of()));
            assertThat(client.expect(Packet.CONNACK).properties().first(Wire.RECEIVE_MAXIMUM))
                    .isEqualTo(RECEIVE_MAXIMUM);
        }
    }

    /** [MQTT-3.3.4-7] / [MQTT-3.3.4-8]: more unacknowledged QoS 1 and 2 PUBLISHes than allowed: 0x93. */
    @Test
    void exceedingTheReceiveMaximumIsAnsweredWithDisconnect0x93() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "over-receive-maximum", Wire.of())) {
            for (int id = 1; id <= RECEIVE_MAXIMUM + 1; id++) {
                client.send(Wire.publish5("flow/over", 2, id, Wire.of(), Clients.utf8("m" + id)));
            }
            List<Packet> answers = client.readUntilClosed();
            assertThat(answers).last().satisfies(packet -> {
                assertThat(packet.type()).isEqualTo(Packet.DISCONNECT);
                assertThat(packet.reasonCode()).isEqualTo(0x93);
            });
        }
    }

    /** Section 4.9: a QoS 2 message stops counting once PUBREL has completed it. */
    @Test
    void anMqtt5ClientWithinTheReceiveMaximumKeepsPublishing() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "within-receive-maximum", Wire.of())) {
            for (int round = 0; round < 3; round++) {
                for (int id = 1; id <= RECEIVE_MAXIMUM; id++) {
                    client.send(Wire.publish5("flow/within", 2, id, Wire.of(), Clients.utf8("m" + id)));
                }
                for (int id = 1; id <= RECEIVE_MAXIMUM; id++) {
                    client.expect(Packet.PUBREC);
                }
                for (int id = 1; id <= RECEIVE_MAXIMUM; id++) {
                    client.send(Wire.ack(Wire.PUBREL, id));
                    assertThat(client.expect(Packet.PUBCOMP).packetId()).isEqualTo(id);
                }
            }
        }
    }

    /** An MQTT 3.1.1 client cannot know the limit: going over it slows it down instead of ending it. */
    @Test
    void anMqtt311ClientOverTheLimitIsSlowedDownNotDisconnected() {
        int messages = RECEIVE_MAXIMUM + 3;
        try (RawMqttClient client = RawMqttClient.connected311(port(), "over-limit-311")) {
            for (int id = 1; id <= messages; id++) {
                client.send(Wire.publish311("flow/over-311", 2, id, Clients.utf8("m" + id)));
            }
            List<Integer> completed = new ArrayList<>();
            while (completed.size() < messages) {
                Packet packet = client.poll(RawMqttClient.WAIT)
                        .orElseThrow(() -> new AssertionError("Stalled after completing " + completed));
                if (packet.type() == Packet.PUBREC) {
                    client.send(Wire.ack(Wire.PUBREL, packet.packetId()));
                } else {
                    assertThat(packet.type()).isEqualTo(Packet.PUBCOMP);
                    completed.add(packet.packetId());
                }
            }
            assertThat(completed).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        }
    }

    /** [MQTT-3.3.4-9]: the edge sends no more unacknowledged messages than the client's Receive Maximum. */
    @Test
    void theEdgeKeepsToTheClientsReceiveMaximum() throws Exception {
        int clientMaximum = 2;
        int messages = 5;
        try (RawMqttClient subscriber = RawMqttClient.connected5(
                port(),
                "client-receive-maximum",
                Wire.of().u8(Wire.RECEIVE_MAXIMUM).u16(clientMaximum))) {
            subscriber.subscribe("flow/to-client", 1);
            for (int i = 0; i < messages; i++) {
                Clients.publish(edge, "flow/to-client", "m" + i, 1);
            }

            List<Packet> unacknowledged = new ArrayList<>();
            List<String> received = new ArrayList<>();
            while (received.size() < messages) {
                var next = subscriber.poll(unacknowledged.size() == clientMaximum ? QUIET : RawMqttClient.WAIT);
                if (next.isPresent()) {
                    assertThat(next.get().type()).isEqualTo(Packet.PUBLISH);
                    unacknowledged.add(next.get());
                    received.add(next.get().payloadText());
                    assertThat(unacknowledged).as("in flight to the client").hasSizeLessThanOrEqualTo(clientMaximum);
                } else {
                    assertThat(unacknowledged)
                            .as("nothing came, so the window must be full")
                            .hasSize(clientMaximum);
                    subscriber.send(
                            Wire.ack(Wire.PUBACK, unacknowledged.remove(0).packetId()));
                }
            }
            assertThat(received).containsExactly("m0", "m1", "m2", "m3", "m4");
        }
    }
}
