package io.wharf.edge.conformance.qos2;

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
import io.wharf.testing.KafkaRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT 3.1.1 and 5.0 section 4.3.3 (QoS 2: PUBLISH, PUBREC, PUBREL, PUBCOMP) in both directions,
 * and exactly one Kafka record per QoS 2 message however often the client re-sends it.
 */
@Timeout(90)
class Qos2IT extends EdgePerClass {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aQos2PublishIsAnsweredWithPubrecAndItsPubrelWithPubcomp() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "qos2-handshake")) {
            client.send(Wire.publish311("qos2/handshake", 2, 7, Clients.utf8("two")));
            assertThat(client.expect(Packet.PUBREC).packetId()).isEqualTo(7);
            client.send(Wire.ack(Wire.PUBREL, 7));
            assertThat(client.expect(Packet.PUBCOMP).packetId()).isEqualTo(7);
        }
    }

    /** [MQTT-4.3.3-2] (3.1.1) / section 4.3.3 (5.0): a re-sent PUBLISH before PUBREL is not a new message. */
    @Test
    void aQos2PublishResentWithTheSamePacketIdBeforePubrelMakesOneKafkaRecord() {
        String payload = "once-" + System.nanoTime();
        try (RawMqttClient client = RawMqttClient.connected311(port(), "qos2-resend")) {
            client.send(Wire.publish311("qos2/resend", 2, 11, Clients.utf8(payload)));
            client.expect(Packet.PUBREC);
            client.send(dup(Wire.publish311("qos2/resend", 2, 11, Clients.utf8(payload))));
            assertThat(client.expect(Packet.PUBREC).packetId()).isEqualTo(11);
            client.send(Wire.ack(Wire.PUBREL, 11));
            client.expect(Packet.PUBCOMP);
        }
        assertThat(recordsWithPayload("qos2/resend", payload)).isEqualTo(1);
    }

    /** The same when the client re-sends it on a new connection of its persistent session. */
    @Test
    void aQos2PublishResentAfterReconnectBeforePubrelMakesOneKafkaRecord() {
        String payload = "once-across-connections-" + System.nanoTime();
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(
                    Wire.connect311("qos2-resend-reconnect", false, 0),
                    Wire.publish311("qos2/resend-reconnect", 2, 12, Clients.utf8(payload)));
            client.expect(Packet.CONNACK);
            client.expect(Packet.PUBREC);
            client.abort();
        }
        try (RawMqttClient client = RawMqttClient.connected311(port(), "qos2-resend-reconnect", false)) {
            assertThat(client.connAck().sessionPresent()).isTrue();
            client.send(dup(Wire.publish311("qos2/resend-reconnect", 2, 12, Clients.utf8(payload))));
            assertThat(client.expect(Packet.PUBREC).packetId()).isEqualTo(12);
            client.send(Wire.ack(Wire.PUBREL, 12));
            client.expect(Packet.PUBCOMP);
            client.send(Wire.disconnect311());
        }
        assertThat(recordsWithPayload("qos2/resend-reconnect", payload)).isEqualTo(1);
    }

    /** Section 4.3.3: once PUBREL has been received, the packet id may carry a new message. */
    @Test
    void aPacketIdReusedAfterPubcompCarriesANewMessage() {
        String payload = "twice-" + System.nanoTime();
        try (RawMqttClient client = RawMqttClient.connected311(port(), "qos2-reuse")) {
            for (int round = 0; round < 2; round++) {
                client.send(Wire.publish311("qos2/reuse", 2, 13, Clients.utf8(payload)));
                client.expect(Packet.PUBREC);
                client.send(Wire.ack(Wire.PUBREL, 13));
                client.expect(Packet.PUBCOMP);
            }
        }
        assertThat(recordsWithPayload("qos2/reuse", payload)).isEqualTo(2);
    }

    /** A PUBREL for a packet id the edge does not know is still completed (MQTT 5: reason 0x92). */
    @Test
    void aPubrelForAnUnknownPacketIdIsAnsweredWithPubcomp() {
        try (RawMqttClient client = RawMqttClient.connected311(port(), "unknown-pubrel-311")) {
            client.send(Wire.ack(Wire.PUBREL, 99));
            assertThat(client.expect(Packet.PUBCOMP).packetId()).isEqualTo(99);
        }
        try (RawMqttClient client = RawMqttClient.connected5(port(), "unknown-pubrel-5", Wire.of())) {
            client.send(Wire.ack(Wire.PUBREL, 99));
            Packet pubComp = client.expect(Packet.PUBCOMP);
            assertThat(pubComp.packetId()).isEqualTo(99);
            assertThat(pubComp.reasonCode()).isEqualTo(0x92);
        }
    }

    /** Section 4.3.3, the sender's side: PUBLISH, PUBREC from the client, PUBREL, PUBCOMP. */
    @Test
    void aQos2DeliveryGoesThroughPubrecPubrelAndPubcomp() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "qos2-raw-sub")) {
            subscriber.subscribe("qos2/deliver", 2);
            Clients.publish(edge, "qos2/deliver", "exactly-once", 2);

            Packet publish = subscriber.expect(Packet.PUBLISH);
            assertThat(publish.qos()).isEqualTo(2);
            subscriber.send(Wire.ack(Wire.PUBREC, publish.packetId()));
            Packet pubRel = subscriber.expect(Packet.PUBREL);
            assertThat(pubRel.packetId()).isEqualTo(publish.packetId());
            assertThat(pubRel.flags()).as("[MQTT-3.6.1-1] PUBREL flags").isEqualTo(0x02);
            subscriber.send(Wire.ack(Wire.PUBCOMP, publish.packetId()));
            subscriber.send(Wire.pingReq());
            subscriber.expect(Packet.PINGRESP);
        }
    }

    /** [MQTT-4.4.0-1]: a QoS 2 message without PUBREC is re-sent with DUP and its id on reconnect. */
    @Test
    void aQos2DeliveryWithoutPubrecIsResentWithDupAfterReconnect() throws Exception {
        int id;
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "qos2-resend-publish", false)) {
            subscriber.subscribe("qos2/resend-publish", 2);
            Clients.publish(edge, "qos2/resend-publish", "again", 2);
            id = subscriber.expect(Packet.PUBLISH).packetId();
            subscriber.abort();
        }
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "qos2-resend-publish", false)) {
            Packet again = subscriber.expect(Packet.PUBLISH);
            assertThat(again.dup()).isTrue();
            assertThat(again.qos()).isEqualTo(2);
            assertThat(again.packetId()).isEqualTo(id);
            subscriber.send(Wire.ack(Wire.PUBREC, id));
            subscriber.expect(Packet.PUBREL);
            subscriber.send(Wire.ack(Wire.PUBCOMP, id), Wire.disconnect311());
        }
    }

    /** [MQTT-4.4.0-1]: after PUBREC the edge re-sends PUBREL, not the PUBLISH, on reconnect. */
    @Test
    void aPubrelWithoutPubcompIsResentAfterReconnect() throws Exception {
        int id;
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "qos2-resend-pubrel", false)) {
            subscriber.subscribe("qos2/resend-pubrel", 2);
            Clients.publish(edge, "qos2/resend-pubrel", "released", 2);
            id = subscriber.expect(Packet.PUBLISH).packetId();
            subscriber.send(Wire.ack(Wire.PUBREC, id));
            subscriber.expect(Packet.PUBREL);
            subscriber.abort();
        }
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "qos2-resend-pubrel", false)) {
            assertThat(subscriber.expect(Packet.PUBREL).packetId()).isEqualTo(id);
            subscriber.send(Wire.ack(Wire.PUBCOMP, id), Wire.disconnect311());
        }
    }

    @Test
    void hivemqMqtt5ClientsExchangeAQos2Message() {
        Mqtt5BlockingClient subscriber = Clients.hivemq5(edge, "qos2-hivemq-sub");
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter("qos2/hivemq")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .send();
            Mqtt5BlockingClient publisher = Clients.hivemq5(edge, "qos2-hivemq-pub");
            publisher.connect();
            publisher
                    .publishWith()
                    .topic("qos2/hivemq")
                    .qos(MqttQos.EXACTLY_ONCE)
                    .payload(Clients.utf8("five"))
                    .send();

            Mqtt5Publish received =
                    publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
            assertThat(received.getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("five");
            publisher.disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        subscriber.disconnect();
    }

    /**
     * How many records in the message topic carry {@code payload}: read up to a marker published
     * afterwards to the same MQTT topic (so the same partition), every copy has been seen.
     */
    private long recordsWithPayload(String topic, String payload) {
        String marker = "marker-" + System.nanoTime();
        try {
            Clients.publish(edge, topic, marker, 1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<ConsumerRecord<byte[], byte[]>> records = KafkaRecords.readUntil(
                edge.kafkaBootstrap(),
                edge.topics().messages().name(),
                record -> Arrays.equals(record.value(), Clients.utf8(marker)),
                WAIT);
        return records.stream()
                .filter(record -> Arrays.equals(record.value(), Clients.utf8(payload)))
                .count();
    }

    /** The same packet with the DUP flag set. */
    private static byte[] dup(byte[] publish) {
        byte[] copy = publish.clone();
        copy[0] |= 0x08;
        return copy;
    }
}
