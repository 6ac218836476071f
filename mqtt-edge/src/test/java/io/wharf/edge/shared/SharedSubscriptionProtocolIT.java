package io.wharf.edge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 5 section 4.8.2 on one edge: what a shared subscription may look like, and how it is answered. */
@Timeout(120)
class SharedSubscriptionProtocolIT extends EdgePerClass {

    private static final int NO_LOCAL = 0x04;
    private static final List<String> MALFORMED = List.of(
            "$share/",
            "$share/jobs",
            "$share/jobs/",
            "$share//jobs",
            "$share/wor+kers/jobs",
            "$share/workers#/jobs",
            "$share/workers/jobs/#/more",
            "$share/workers/jo+bs");

    @Test
    void connackSaysSharedSubscriptionsAreAvailable() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "shared-connack", Wire.of())) {
            assertThat(client.connAck().properties().first(Wire.SHARED_SUBSCRIPTION_AVAILABLE))
                    .isEqualTo(1);
        }
    }

    @Test
    void aMalformedSharedSubscriptionGets0x8FInMqtt5And0x80InMqtt311() {
        try (RawMqttClient v5 = RawMqttClient.connected5(port(), "shared-malformed-5", Wire.of());
                RawMqttClient v311 = RawMqttClient.connected311(port(), "shared-malformed-311")) {
            for (String filter : MALFORMED) {
                assertThat(v5.subscribe(filter, 1).reasonCodes()).as(filter).containsExactly(0x8F);
                assertThat(v311.subscribe(filter, 1).reasonCodes()).as(filter).containsExactly(0x80);
            }
            assertThat(v5.subscribe("$share/workers/jobs/+", 2).reasonCodes()).containsExactly(2);
            assertThat(v311.subscribe("$share/workers/jobs/#", 1).reasonCodes()).containsExactly(1);
        }
    }

    /** [MQTT-3.8.3-4] */
    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "shared-no-local", Wire.of())) {
            client.send(Wire.subscribe5(1, Wire.of(), "$share/workers/jobs", NO_LOCAL | 1));
            client.expectClosedWith(Packet.DISCONNECT, 0x82);
        }
    }

    @Test
    void unsubscribeSaysWhetherTheSharedSubscriptionExisted() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "shared-unsubscribe", Wire.of())) {
            client.subscribe("$share/leavers/jobs", 1);
            client.send(Wire.of()
                    .u16(7)
                    .properties(Wire.of())
                    .utf8("$share/leavers/jobs")
                    .utf8("$share/others/jobs")
                    .utf8("$share/le+avers/jobs")
                    .packet(Wire.UNSUBSCRIBE));
            assertThat(client.expect(Packet.UNSUBACK).reasonCodes()).containsExactly(0x00, 0x11, 0x8F);
        }
    }

    /** Retained messages are not sent for a shared subscription (MQTT 5 section 4.8.2). */
    @Test
    void aSharedSubscriptionGetsNoRetainedMessages() throws InterruptedException {
        Clients.publish(edge, "kept/t", Clients.utf8("retained"), 1, true);
        Mqtt5BlockingClient member = Clients.hivemq5(edge, "shared-retained");
        member.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = member.publishes(MqttGlobalPublishFilter.ALL)) {
            member.subscribeWith()
                    .topicFilter("$share/keepers/kept/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Clients.publish(edge, "kept/t", "live", 1);

            Mqtt5Publish first = publishes.receive(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(first.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("live");
            assertThat(first.isRetain()).isFalse();
        }
        member.disconnect();
    }
}
