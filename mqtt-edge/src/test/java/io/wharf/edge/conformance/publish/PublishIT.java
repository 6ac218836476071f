package io.wharf.edge.conformance.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.Inbox;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 3.1.1 and 5.0 sections 3.3 (PUBLISH), 3.4 (PUBACK), 4.3 (QoS) and 4.6 (ordering). */
@Timeout(90)
class PublishIT extends EdgePerClass {

    @Test
    void aQos0MessageReachesASubscriber() throws Exception {
        Inbox inbox = new Inbox();
        MqttClient subscriber = Clients.paho311(edge, "qos0-sub", true);
        subscriber.subscribe("publish/qos0", 0, inbox);
        MqttClient publisher = Clients.paho311(edge, "qos0-pub", true);
        publisher.publish("publish/qos0", Clients.utf8("zero"), 0, false);

        assertThat(inbox.awaitCount(1)).singleElement().satisfies(received -> {
            assertThat(received.line()).isEqualTo("publish/qos0 zero");
            assertThat(received.qos()).isZero();
        });
        Clients.close(publisher);
        Clients.close(subscriber);
    }

    /** Section 4.3.2: a QoS 1 PUBLISH is answered with PUBACK carrying its packet id. */
    @Test
    void aQos1PublishIsAnsweredWithPubackForItsPacketId() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "qos1-puback")) {
            client.send(Wire.publish311("publish/qos1-puback", 1, 4242, Clients.utf8("one")));
            assertThat(client.expect(Packet.PUBACK).packetId()).isEqualTo(4242);
        }
    }

    /** Section 4.3.2: a QoS 1 message goes to the subscriber as PUBLISH QoS 1 with a packet id. */
    @Test
    void aQos1MessageIsDeliveredWithAPacketIdAndEndsWithPuback() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "qos1-raw-sub")) {
            subscriber.subscribe("publish/qos1-raw", 1);
            Clients.publish(edge, "publish/qos1-raw", "one", 1);

            Packet publish = subscriber.expect(Packet.PUBLISH);
            assertThat(publish.qos()).isEqualTo(1);
            assertThat(publish.dup()).isFalse();
            assertThat(publish.packetId()).isNotZero();
            assertThat(publish.payloadText()).isEqualTo("one");
            subscriber.send(Wire.ack(Wire.PUBACK, publish.packetId()));
        }
    }

    /** 3.1.1 section 3.8.4 / 5.0 [MQTT-3.8.4-8]: delivery QoS is the lower of published and granted. */
    @Test
    void aMessageIsDeliveredAtTheLowerOfItsQosAndTheGrantedQos() throws Exception {
        Inbox inbox = new Inbox();
        MqttClient subscriber = Clients.paho311(edge, "min-qos-sub", true);
        subscriber.subscribe("publish/granted-1", 1, inbox);
        subscriber.subscribe("publish/granted-2", 2, inbox);

        Clients.publish(edge, "publish/granted-1", "published-at-2", 2);
        Clients.publish(edge, "publish/granted-2", "published-at-0", 0);

        inbox.awaitCount(2);
        assertThat(inbox.messages())
                .extracting(Inbox.Received::payload, Inbox.Received::qos)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("published-at-2", 1),
                        org.assertj.core.groups.Tuple.tuple("published-at-0", 0));
        Clients.close(subscriber);
    }

    /**
     * [MQTT-4.6.0-5] / [MQTT-4.6.0-6]: messages on one topic go out in the order they were
     * published, whatever their QoS. Read on the wire: a client library may hand QoS 2 messages to
     * the application later than QoS 1 ones (on PUBREL).
     */
    @Test
    void messagesOnOneTopicAreSentInTheOrderTheyWerePublished() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "order-sub")) {
            subscriber.subscribe("publish/order", 2);
            MqttClient publisher = Clients.paho311(edge, "order-pub", true);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String payload = "m" + i;
                sent.add(payload);
                publisher.publish("publish/order", Clients.utf8(payload), i % 3, false);
            }
            Clients.close(publisher);

            List<String> received = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(subscriber.expect(Packet.PUBLISH).payloadText());
            }
            assertThat(received).containsExactlyElementsOf(sent);
        }
    }

    /** [MQTT-2.3.1-2]: each unacknowledged message in flight to a client has its own packet id. */
    @Test
    void messagesInFlightToAClientHaveDistinctNonZeroPacketIds() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "distinct-ids")) {
            subscriber.subscribe("publish/distinct", 1);
            for (int i = 0; i < 10; i++) {
                Clients.publish(edge, "publish/distinct", "m" + i, 1);
            }
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                ids.add(subscriber.expect(Packet.PUBLISH).packetId());
            }
            assertThat(ids).hasSize(10).doesNotContain(0);
        }
    }

    /** [MQTT-4.4.0-1] / [MQTT-3.3.1-1]: an unacknowledged QoS 1 message is re-sent with DUP on reconnect. */
    @Test
    void anUnacknowledgedQos1MessageIsResentWithDupAndTheSamePacketIdAfterReconnect() throws Exception {
        int firstId;
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "resend-qos1", false)) {
            subscriber.subscribe("publish/resend", 1);
            Clients.publish(edge, "publish/resend", "again", 1);
            Packet first = subscriber.expect(Packet.PUBLISH);
            assertThat(first.dup()).isFalse();
            firstId = first.packetId();
            subscriber.send(Wire.disconnect311());
        }
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "resend-qos1", false)) {
            assertThat(subscriber.connAck().sessionPresent()).isTrue();
            Packet again = subscriber.expect(Packet.PUBLISH);
            assertThat(again.dup()).isTrue();
            assertThat(again.packetId()).isEqualTo(firstId);
            assertThat(again.payloadText()).isEqualTo("again");
            subscriber.send(Wire.ack(Wire.PUBACK, again.packetId()), Wire.disconnect311());
        }
    }

    /** [MQTT-3.3.2-2]: a PUBLISH topic must not contain wildcards; MQTT 3.1.1 closes the connection. */
    @Test
    void aWildcardInAPublishTopicClosesAnMqtt311Connection() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "wildcard-publish-311")) {
            client.send(Wire.publish311("publish/+/wild", 0, 0, Clients.utf8("no")));
            assertThat(client.readUntilClosed()).isEmpty();
        }
    }

    /** MQTT 5 [MQTT-3.3.2-2]: the same, told with DISCONNECT 0x81: such a topic name is malformed. */
    @Test
    void aWildcardInAPublishTopicIsAnsweredWithDisconnectInMqtt5() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "wildcard-publish-5", Wire.of())) {
            client.send(Wire.publish5("publish/#", 0, 0, Wire.of(), Clients.utf8("no")));
            client.expectClosedWith(Packet.DISCONNECT, 0x81);
        }
    }
}
