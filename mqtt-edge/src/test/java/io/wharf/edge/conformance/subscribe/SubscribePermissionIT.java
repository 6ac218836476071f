package io.wharf.edge.conformance.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configured subscribe permission check: a filter that could match a topic in a refused
 * namespace is refused (3.1.1 section 3.9.3 return code 0x80, 5.0 reason code 0x87 Not authorized).
 */
@Timeout(60)
class SubscribePermissionIT extends EdgePerClass {

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().deniedSubscriptions("secret/#").build();
    }

    /** A subscription the configured permission check refuses gets 0x80 in 3.1.1. */
    @Test
    void aRefusedSubscriptionGets0x80InMqtt311() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "denied-311")) {
            client.send(Wire.of()
                    .u16(1)
                    .utf8("secret/plans")
                    .u8(1)
                    .utf8("public/plans")
                    .u8(1)
                    .packet(Wire.SUBSCRIBE));
            assertThat(client.expect(Packet.SUBACK).reasonCodes()).containsExactly(0x80, 1);
        }
    }

    /** MQTT 5: the same with 0x87 (Not authorized), also for a filter wholly inside the denied one. */
    @Test
    void aRefusedSubscriptionGets0x87InMqtt5() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "denied-5", Wire.of())) {
            client.send(Wire.of()
                    .u16(1)
                    .properties(Wire.of())
                    .utf8("secret/plans")
                    .u8(1)
                    .utf8("secret/+")
                    .u8(1)
                    .utf8("public/#")
                    .u8(1)
                    .packet(Wire.SUBSCRIBE));
            assertThat(client.expect(Packet.SUBACK).reasonCodes()).containsExactly(0x87, 0x87, 1);
        }
    }

    /**
     * A wider wildcard that only reaches into the denied namespace is granted (its denied topics are
     * held back at delivery): denying one namespace must not break a dashboard subscribed to '#'.
     */
    @Test
    void aDeniedNamespaceLeavesWiderWildcardsSubscribable() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "dashboard-5", Wire.of())) {
            client.send(Wire.of()
                    .u16(1)
                    .properties(Wire.of())
                    .utf8("#")
                    .u8(1)
                    .utf8("+/plans")
                    .u8(1)
                    .packet(Wire.SUBSCRIBE));
            assertThat(client.expect(Packet.SUBACK).reasonCodes()).containsExactly(1, 1);
        }
    }
}
