package io.wharf.edge.conformance.mqtt5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.testing.MosquittoClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT 5 section 3.3.2.3 (PUBLISH properties: user properties, content type, payload format,
 * response topic and correlation data) and 3.1.2.11.7 (Request Problem Information).
 */
@Timeout(90)
class PropertiesIT extends EdgePerClass {

    /** [MQTT-3.3.2-17] / [MQTT-3.3.2-18]: user properties arrive unchanged, in order, repeats kept. */
    @Test
    void userPropertiesArriveInOrderWithRepeatsKept() throws InterruptedException {
        Mqtt5Publish received = roundTrip(
                "props/user",
                publish -> publish.userProperties()
                        .add("b", "2")
                        .add("a", "1")
                        .add("b", "3")
                        .applyUserProperties());
        assertThat(received.getUserProperties().asList())
                .extracting(property -> property.getName() + "=" + property.getValue())
                .containsExactly("b=2", "a=1", "b=3");
    }

    /** [MQTT-3.3.2-4] / [MQTT-3.3.2-20]: the payload format indicator and content type are passed on. */
    @Test
    void contentTypeAndPayloadFormatArePassedOn() throws InterruptedException {
        Mqtt5Publish received = roundTrip(
                "props/content",
                publish -> publish.contentType("text/csv").payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8));
        assertThat(received.getContentType())
                .hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("text/csv"));
        assertThat(received.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
    }

    /** [MQTT-3.3.2-15] / [MQTT-3.3.2-16]: request/response: Response Topic and Correlation Data reach the responder. */
    @Test
    void aRequestCarriesItsResponseTopicAndCorrelationDataToTheResponder() throws Exception {
        MqttClient responder = Clients.paho5(edge, "responder");
        responder.connect(Clients.options5());
        // Paho 5's subscribe(String, int, listener) recurses into itself; the array form works.
        responder.subscribe(subscriptions("service/requests"), new IMqttMessageListener[] {
            (topic, request) -> {
                MqttProperties reply = new MqttProperties();
                reply.setCorrelationData(request.getProperties().getCorrelationData());
                MqttMessage response =
                        new MqttMessage(("re: " + new String(request.getPayload(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                response.setQos(1);
                response.setProperties(reply);
                new Thread(() -> publishQuietly(
                                responder, request.getProperties().getResponseTopic(), response))
                        .start();
            }
        });

        MqttClient requester = Clients.paho5(edge, "requester");
        requester.connect(Clients.options5());
        CompletableFuture<MqttMessage> answer = new CompletableFuture<>();
        requester.subscribe(
                subscriptions("service/replies/requester"),
                new IMqttMessageListener[] {(topic, reply) -> answer.complete(reply)});
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic("service/replies/requester");
        properties.setCorrelationData(Clients.utf8("request-17"));
        MqttMessage request = new MqttMessage(Clients.utf8("ping"));
        request.setQos(1);
        request.setProperties(properties);
        requester.publish("service/requests", request);

        MqttMessage reply = answer.get(20, TimeUnit.SECONDS);
        assertThat(new String(reply.getPayload(), StandardCharsets.UTF_8)).isEqualTo("re: ping");
        assertThat(new String(reply.getProperties().getCorrelationData(), StandardCharsets.UTF_8))
                .isEqualTo("request-17");
        requester.disconnect();
        responder.disconnect();
        requester.close();
        responder.close();
    }

    /** mosquitto_pub's MQTT 5 user properties reach mosquitto_sub. */
    @Test
    void mosquittoClientsExchangeUserProperties() {
        MosquittoClients.requireInstalled();
        try (MosquittoClients.Subscriber sub =
                MosquittoClients.subscribe(port(), "props/cli", "-V", "mqttv5", "-F", "MSG> %t %p %P")) {
            MosquittoClients.CommandResult pub = MosquittoClients.publish(
                    port(), "props/cli", "hello", "-V", "mqttv5", "-D", "publish", "user-property", "room", "kitchen");
            assertThat(pub.exitCode()).as(pub.output()).isZero();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(sub.messages())
                            .as(sub.transcript())
                            .containsExactly("props/cli hello room:kitchen"));
        }
    }

    /** Section 3.3.2.3.2: a payload that is not the UTF-8 its indicator promises is refused with 0x99. */
    @Test
    void aPayloadThatIsNotTheUtf8ItPromisesIsRefusedWith0x99() {
        byte[] notUtf8 = {(byte) 0xFF, (byte) 0xFE};
        Wire utf8Promised = Wire.of().u8(Wire.PAYLOAD_FORMAT_INDICATOR).u8(1);
        try (RawMqttClient client = RawMqttClient.connected5(port(), "bad-utf8-payload", Wire.of())) {
            client.send(Wire.publish5("props/utf8", 1, 3, utf8Promised, notUtf8));
            Packet pubAck = client.expect(Packet.PUBACK);
            assertThat(pubAck.reasonCode()).isEqualTo(0x99);
            assertThat(pubAck.properties().has(Wire.REASON_STRING))
                    .as("a reason string, since problem information was not turned off")
                    .isTrue();
            client.send(Wire.publish5("props/utf8", 0, 0, utf8Promised, notUtf8));
            client.expectClosedWith(Packet.DISCONNECT, 0x99);
        }
    }

    /** [MQTT-3.1.2-29]: Request Problem Information 0 means no reason string on PUBACK. */
    @Test
    void noReasonStringGoesToAClientThatTurnedProblemInformationOff() {
        Wire noProblemInformation =
                Wire.of().u8(Wire.REQUEST_PROBLEM_INFORMATION).u8(0);
        try (RawMqttClient client = RawMqttClient.connected5(port(), "no-problem-information", noProblemInformation)) {
            client.send(Wire.publish5(
                    "props/utf8",
                    1,
                    3,
                    Wire.of().u8(Wire.PAYLOAD_FORMAT_INDICATOR).u8(1),
                    new byte[] {(byte) 0xFF}));
            Packet pubAck = client.expect(Packet.PUBACK);
            assertThat(pubAck.reasonCode()).isEqualTo(0x99);
            assertThat(pubAck.properties().has(Wire.REASON_STRING)).isFalse();
        }
    }

    /** Section 4.12: with no enhanced authentication configured, a CONNECT asking for it gets 0x8C. */
    @Test
    void aConnectAskingForEnhancedAuthenticationIsRefusedWith0x8C() {
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5(
                    "enhanced-auth", 0, Wire.of().u8(Wire.AUTHENTICATION_METHOD).utf8("SCRAM-SHA-256")));
            client.expectClosedWith(Packet.CONNACK, 0x8C);
        }
    }

    /** Section 4.12: AUTH without an authentication method in CONNECT is a protocol error. */
    @Test
    void anAuthPacketWithoutEnhancedAuthenticationIsAnsweredWithDisconnect0x82() {
        try (RawMqttClient client = RawMqttClient.connected5(port(), "unexpected-auth", Wire.of())) {
            client.send(Wire.of().u8(0x19).properties(Wire.of()).packet(Wire.AUTH));
            client.expectClosedWith(Packet.DISCONNECT, 0x82);
        }
    }

    private Mqtt5Publish roundTrip(
            String topic, UnaryOperator<Mqtt5PublishBuilder.Send.Complete<Mqtt5PublishResult>> properties)
            throws InterruptedException {
        Mqtt5BlockingClient subscriber = Clients.hivemq5(edge, "sub-" + topic.replace('/', '-'));
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = subscriber.publishes(MqttGlobalPublishFilter.ALL)) {
            subscriber
                    .subscribeWith()
                    .topicFilter(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Mqtt5BlockingClient publisher = Clients.hivemq5(edge, "pub-" + topic.replace('/', '-'));
            publisher.connect();
            properties
                    .apply(publisher
                            .publishWith()
                            .topic(topic)
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(Clients.utf8("body")))
                    .send();
            publisher.disconnect();
            return publishes.receive(20, TimeUnit.SECONDS).orElseThrow();
        } finally {
            subscriber.disconnect();
        }
    }

    private static MqttSubscription[] subscriptions(String filter) {
        return new MqttSubscription[] {new MqttSubscription(filter, 1)};
    }

    private static void publishQuietly(MqttClient client, String topic, MqttMessage message) {
        try {
            client.publish(topic, message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
