package io.wharf.edge.conformance.mqtt5;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 5 section 3.1.2.11.4 (Maximum Packet Size asked for by the client). */
@Timeout(60)
class MaximumPacketSizeIT extends EdgePerClass {

    private static final int CLIENT_MAXIMUM = 200;

    /** [MQTT-3.1.2-24] / [MQTT-3.1.2-25]: a message over the client's Maximum Packet Size is not sent to it. */
    @Test
    void aMessageLargerThanTheClientsMaximumPacketSizeIsNotSentToIt() throws Exception {
        try (RawMqttClient small = RawMqttClient.connected5(
                        port(),
                        "small-packets",
                        Wire.of().u8(Wire.MAXIMUM_PACKET_SIZE).u32(CLIENT_MAXIMUM));
                RawMqttClient large = RawMqttClient.connected5(port(), "large-packets", Wire.of())) {
            for (RawMqttClient client : new RawMqttClient[] {small, large}) {
                client.subscribe("size/#", 0);
            }
            Clients.publish(edge, "size/big", "x".repeat(CLIENT_MAXIMUM * 2), 0);
            Clients.publish(edge, "size/small", "fits", 0);

            assertThat(small.expect(Packet.PUBLISH).payloadText())
                    .as("the big one skipped, the connection kept")
                    .isEqualTo("fits");
            assertThat(large.expect(Packet.PUBLISH).payload()).hasSize(CLIENT_MAXIMUM * 2);
            assertThat(large.expect(Packet.PUBLISH).payloadText()).isEqualTo("fits");
        }
    }
}
