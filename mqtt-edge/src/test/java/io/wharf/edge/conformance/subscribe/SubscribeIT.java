package io.wharf.edge.conformance.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.Inbox;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 3.1.1 and 5.0 sections 3.8 to 3.11 (SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK) and 4.7 (topics). */
@Timeout(90)
class SubscribeIT extends EdgePerClass {

    /** [MQTT-3.8.4-3] / [MQTT-3.9.3-1]: SUBACK grants the QoS asked for, one code per filter in order. */
    @Test
    void subackGrantsTheRequestedQosForEachFilterInOrder() throws Exception {
        MqttClient client = Clients.paho311(edge, "granted-qos", true);
        int[] granted = client.subscribeWithResponse(
                        new String[] {"granted/0", "granted/1", "granted/2"}, new int[] {0, 1, 2})
                .getGrantedQos();
        assertThat(granted).containsExactly(0, 1, 2);
        Clients.close(client);
    }

    /** [MQTT-4.7.1-2] / [MQTT-4.7.1-3]: '#' last and alone in its level, '+' a whole level; 0x80 otherwise. */
    @Test
    void invalidFiltersAreRefusedWith0x80EachInItsPlaceInMqtt311() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "invalid-filters-311")) {
            client.send(Wire.of()
                    .u16(5)
                    .utf8("valid/#")
                    .u8(1)
                    .utf8("a/#/b")
                    .u8(1)
                    .utf8("a/b#")
                    .u8(1)
                    .utf8("a+/b")
                    .u8(1)
                    .utf8("+/+/c")
                    .u8(1)
                    .packet(Wire.SUBSCRIBE));
            Packet subAck = client.expect(Packet.SUBACK);
            assertThat(subAck.packetId()).isEqualTo(5);
            assertThat(subAck.reasonCodes()).containsExactly(1, 0x80, 0x80, 0x80, 1);
        }
    }

    /** MQTT 5: the same, with reason code 0x8F (Topic Filter invalid). */
    @Test
    void invalidFiltersAreRefusedWith0x8FInMqtt5() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "invalid-filters-5", Wire.of())) {
            client.send(Wire.of()
                    .u16(6)
                    .properties(Wire.of())
                    .utf8("ok/+")
                    .u8(2)
                    .utf8("bad/#/x")
                    .u8(2)
                    .packet(Wire.SUBSCRIBE));
            assertThat(client.expect(Packet.SUBACK).reasonCodes()).containsExactly(2, 0x8F);
        }
    }

    /** [MQTT-4.7.1-3]: '+' matches exactly one level. */
    @Test
    void aSingleLevelWildcardMatchesExactlyOneLevel() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "single-level", "plus/+/temp", "plus/marker");
        Clients.publish(edge, "plus/kitchen/temp", "one-level", 1);
        Clients.publish(edge, "plus/kitchen/oven/temp", "two-levels", 1);
        Clients.publish(edge, "plus/temp", "no-level", 1);
        Clients.publish(edge, "plus/marker", "marker", 1);
        assertThat(inbox.awaitPayload("marker"))
                .extracting(Inbox.Received::line)
                .containsExactly("plus/kitchen/temp one-level", "plus/marker marker");
    }

    /** [MQTT-4.7.1-2]: '#' matches its parent level and everything below it. */
    @Test
    void aMultiLevelWildcardMatchesItsParentAndEverythingBelow() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "multi-level", "sport/#", "hash-marker");
        Clients.publish(edge, "sport", "parent", 1);
        Clients.publish(edge, "sport/tennis/player1", "below", 1);
        Clients.publish(edge, "sports", "other", 1);
        Clients.publish(edge, "hash-marker", "marker", 1);
        assertThat(inbox.awaitPayload("marker"))
                .extracting(Inbox.Received::payload)
                .containsExactly("parent", "below", "marker");
    }

    /** [MQTT-4.7.2-1]: filters starting with a wildcard do not match topics starting with '$'. */
    @Test
    void topicsStartingWithDollarAreNotMatchedByALeadingWildcard() throws Exception {
        Inbox wildcards = Inbox.subscribe(edge, "dollar-wildcards", "#", "+/status");
        Inbox explicit = Inbox.subscribe(edge, "dollar-explicit", "$wharf/#");
        Clients.publish(edge, "$wharf/status", "dollar", 1);
        Clients.publish(edge, "plain/status", "marker", 1);

        assertThat(explicit.awaitPayload("dollar"))
                .extracting(Inbox.Received::line)
                .containsExactly("$wharf/status dollar");
        assertThat(wildcards.awaitPayload("marker"))
                .extracting(Inbox.Received::line)
                .contains("plain/status marker")
                .doesNotContain("$wharf/status dollar");
    }

    /** [MQTT-3.3.5-1]: MQTT 3.1.1 sends one copy for overlapping subscriptions, at the highest QoS granted. */
    @Test
    void overlappingSubscriptionsGetOneCopyAtTheHighestGrantedQosInMqtt311() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "overlap-311")) {
            client.send(Wire.of()
                    .u16(1)
                    .utf8("overlap/#")
                    .u8(0)
                    .utf8("overlap/+")
                    .u8(2)
                    .packet(Wire.SUBSCRIBE));
            client.expect(Packet.SUBACK);
            Clients.publish(edge, "overlap/a", "both-match", 2);
            Clients.publish(edge, "overlap/a", "marker", 0);

            Packet first = client.expect(Packet.PUBLISH);
            assertThat(first.payloadText()).isEqualTo("both-match");
            assertThat(first.qos()).isEqualTo(2);
            assertThat(client.expect(Packet.PUBLISH).payloadText())
                    .as("the next message, not a second copy")
                    .isEqualTo("marker");
        }
    }

    /** MQTT 5 [MQTT-3.3.4-3] / [MQTT-3.3.4-4] / [MQTT-3.3.4-5]: one copy carries every matching identifier. */
    @Test
    void anMqtt5CopyForOverlappingSubscriptionsCarriesEverySubscriptionIdentifier() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "overlap-5", Wire.of())) {
            client.send(Wire.subscribe5(
                    1, Wire.of().u8(Wire.SUBSCRIPTION_IDENTIFIER).varInt(7), "ids/#", 1));
            client.expect(Packet.SUBACK);
            client.send(Wire.subscribe5(
                    2, Wire.of().u8(Wire.SUBSCRIPTION_IDENTIFIER).varInt(300), "ids/+", 1));
            client.expect(Packet.SUBACK);
            client.subscribe("ids/a", 1);
            Clients.publish(edge, "ids/a", "three-match", 1);

            Packet publish = client.expect(Packet.PUBLISH);
            assertThat(publish.payloadText()).isEqualTo("three-match");
            assertThat(publish.properties().every(Wire.SUBSCRIPTION_IDENTIFIER)).containsExactlyInAnyOrder(7, 300);
            client.send(Wire.ack(Wire.PUBACK, publish.packetId()));
        }
    }

    /** [MQTT-3.8.4-3]: a SUBSCRIBE for a filter the client has replaces that subscription. */
    @Test
    void subscribingAgainToTheSameFilterReplacesTheSubscription() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "replace-subscription")) {
            client.subscribe("replace/t", 0);
            client.send(Wire.subscribe311(2, "replace/t", 1));
            assertThat(client.expect(Packet.SUBACK).reasonCodes()).containsExactly(1);
            Clients.publish(edge, "replace/t", "once", 1);
            Clients.publish(edge, "replace/t", "marker", 0);

            Packet first = client.expect(Packet.PUBLISH);
            assertThat(first.payloadText()).isEqualTo("once");
            assertThat(first.qos()).isEqualTo(1);
            assertThat(client.expect(Packet.PUBLISH).payloadText()).isEqualTo("marker");
        }
    }

    /** [MQTT-3.10.4-1] / [MQTT-3.10.4-4]: UNSUBSCRIBE ends the subscription and is answered with UNSUBACK. */
    @Test
    void unsubscribeStopsDeliveryAndIsAcknowledged() throws Exception {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "unsubscriber")) {
            client.send(Wire.of()
                    .u16(1)
                    .utf8("unsub/a")
                    .u8(1)
                    .utf8("unsub/marker")
                    .u8(1)
                    .packet(Wire.SUBSCRIBE));
            client.expect(Packet.SUBACK);
            client.send(Wire.of().u16(9).utf8("unsub/a").packet(Wire.UNSUBSCRIBE));
            assertThat(client.expect(Packet.UNSUBACK).packetId()).isEqualTo(9);
            Clients.publish(edge, "unsub/a", "after-unsubscribe", 1);
            Clients.publish(edge, "unsub/marker", "marker", 1);
            assertThat(client.expect(Packet.PUBLISH).payloadText()).isEqualTo("marker");
        }
    }

    /** MQTT 5 section 3.11.3: UNSUBACK says per filter whether a subscription existed. */
    @Test
    void unsubackSaysWhetherTheSubscriptionExistedInMqtt5() {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "unsuback-5");
        client.connect();
        client.subscribeWith().topicFilter("unsuback/here").send();
        assertThat(client.unsubscribeWith().topicFilter("unsuback/here").send().getReasonCodes())
                .containsExactly(Mqtt5UnsubAckReasonCode.SUCCESS);
        assertThat(client.unsubscribeWith().topicFilter("unsuback/never").send().getReasonCodes())
                .containsExactly(Mqtt5UnsubAckReasonCode.NO_SUBSCRIPTIONS_EXISTED);
        client.disconnect();
    }

    /** MQTT 5 [MQTT-3.8.3-3]: with No Local, the client's own messages do not come back to it. */
    @Test
    void noLocalKeepsAClientsOwnMessagesFromIt() throws InterruptedException {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "no-local");
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter("no-local/t")
                    .noLocal(true)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            client.publishWith()
                    .topic("no-local/t")
                    .payload(Clients.utf8("own"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Clients.publish(edge, "no-local/t", "other", 1);

            Mqtt5Publish received = publishes.receive(20, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(received.getPayloadAsBytes())).isEqualTo("other");
        }
        client.disconnect();
    }

    /** MQTT 5 section 3.8.2.1.2: a Subscription Identifier of 0 is a protocol error. */
    @Test
    void subscriptionIdentifier0IsAnsweredWithDisconnect0x82() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "subscription-id-0", Wire.of())) {
            client.send(Wire.subscribe5(
                    1, Wire.of().u8(Wire.SUBSCRIPTION_IDENTIFIER).varInt(0), "ids/zero", 0));
            client.expectClosedWith(Packet.DISCONNECT, 0x82);
        }
    }
}
