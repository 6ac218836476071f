package io.wharf.edge.conformance.will;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.wharf.edge.RunningEdge;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.Inbox;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestDirectories;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT 3.1.1 and 5.0 section 3.1.2.5 (Will Flag) and 3.1.3.2 (Will Properties): the will is
 * published on every abnormal end of a connection and never on a normal DISCONNECT.
 */
@Timeout(120)
class WillIT extends EdgePerClass {

    /** Delayed wills, and the wills of sessions that end later, are published by the router. */
    private KafkaRouter router;

    @BeforeAll
    void startRouter() {
        router = KafkaRouter.start(new RouterSettings(
                kafka.bootstrapServers(),
                edge.topics(),
                TestDirectories.newDirectory("router"),
                Duration.ofSeconds(6),
                Map.of()));
    }

    @AfterAll
    void stopRouter() {
        router.close();
    }

    /** [MQTT-3.1.2-8]: a keep-alive timeout publishes the will. */
    @Test
    void theWillIsPublishedWhenTheKeepAliveRunsOut() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "keep-alive-watcher", "will/keep-alive");
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(connect311WithWill("keep-alive-will", 1, "will/keep-alive", "timed-out", 0, false));
            client.expect(Packet.CONNACK);
            assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("timed-out");
            client.readUntilClosed();
        }
    }

    /** [MQTT-3.1.2-8]: a broken socket publishes the will. */
    @Test
    void theWillIsPublishedWhenTheSocketBreaks() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "socket-watcher", "will/socket");
        abortAfterConnecting(connect311WithWill("socket-will", 0, "will/socket", "reset", 0, false));
        assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("reset");
    }

    /** [MQTT-3.1.2-8]: a protocol error that closes the connection publishes the will. */
    @Test
    void theWillIsPublishedWhenTheClientBreaksTheProtocol() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "protocol-watcher", "will/protocol");
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(connect311WithWill("protocol-will", 0, "will/protocol", "broke-it", 0, false));
            client.expect(Packet.CONNACK);
            client.send(Wire.publish311("will/+/wildcard", 0, 0, Clients.utf8("bad")));
            client.readUntilClosed();
        }
        assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("broke-it");
    }

    /** [MQTT-3.1.2-10] / [MQTT-3.14.4-3]: DISCONNECT discards the will. */
    @Test
    void theWillIsNotPublishedAfterANormalDisconnect() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "disconnect-watcher", "will/disconnect");
        MqttConnectOptions options = Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1_1, true);
        options.setWill("will/disconnect", Clients.utf8("must-not-appear"), 1, false);
        MqttClient client = Clients.paho3(edge, "disconnect-will", options);
        client.disconnect();
        client.close();
        assertOnlyMarkerArrives(inbox, "will/disconnect");
    }

    /**
     * [MQTT-3.1.2-8] / [MQTT-3.14.4-3]: only a DISCONNECT with reason 0x00 discards the will; a client
     * that ends with an error reason (here 0x80, Unspecified error) has its will published.
     */
    @Test
    void theWillIsPublishedAfterADisconnectWithAnErrorReason() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "error-disconnect-watcher", "will/error-disconnect");
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "error-disconnect-will");
        client.connectWith()
                .willPublish()
                .topic("will/error-disconnect")
                .payload(Clients.utf8("failed"))
                .qos(MqttQos.AT_LEAST_ONCE)
                .applyWillPublish()
                .send();
        client.disconnectWith()
                .reasonCode(Mqtt5DisconnectReasonCode.UNSPECIFIED_ERROR)
                .send();
        assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("failed");
    }

    /** [MQTT-3.1.2-14] to [MQTT-3.1.2-17]: the will goes out with its QoS and RETAIN flag. */
    @Test
    void theWillIsPublishedWithItsQosAndRetainFlag() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "retained-will-watcher", "will/retained");
        abortAfterConnecting(connect311WithWill("retained-will", 0, "will/retained", "last-words", 1, true));
        inbox.awaitPayload("last-words");
        try (RawMqttClient later = RawMqttClient.connected311(port(), "retained-will-reader")) {
            later.subscribe("will/retained", 2);
            Packet will = later.expect(Packet.PUBLISH);
            assertThat(will.payloadText()).isEqualTo("last-words");
            assertThat(will.retain()).isTrue();
            assertThat(will.qos()).isEqualTo(1);
        }
    }

    /** mosquitto_sub killed with SIGKILL leaves its will behind; stopped with SIGTERM it does not. */
    @Test
    void aKilledMosquittoSubLeavesItsWillAndAStoppedOneDoesNot() throws Exception {
        MosquittoClients.requireInstalled();
        Inbox inbox = Inbox.subscribe(edge, "mosquitto-watcher", "will/mosquitto/#");
        Process stopped = mosquittoSubWithWill("will/mosquitto/stopped");
        Process killed = mosquittoSubWithWill("will/mosquitto/killed");
        awaitSubscribed(stopped);
        awaitSubscribed(killed);
        stopped.destroy();
        stopped.waitFor(10, TimeUnit.SECONDS);
        killed.destroyForcibly();
        killed.waitFor(10, TimeUnit.SECONDS);

        Clients.publish(edge, "will/mosquitto/marker", "marker", 1);
        assertThat(inbox.awaitPayload("marker"))
                .extracting(Inbox.Received::line)
                .containsExactly("will/mosquitto/killed gone", "will/mosquitto/marker marker");
    }

    /** MQTT 5 section 3.14.2.1: DISCONNECT with reason 0x04 asks for the will to be published. */
    @Test
    void disconnectWithReason0x04PublishesTheWillWithItsProperties() throws InterruptedException {
        Mqtt5BlockingClient watcher = Clients.hivemq5(edge, "will-properties-watcher");
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith()
                    .topicFilter("will/properties")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            Mqtt5BlockingClient client = Clients.hivemq5(edge, "will-properties");
            client.connectWith()
                    .willPublish()
                    .topic("will/properties")
                    .payload(Clients.utf8("{\"state\":\"gone\"}"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .contentType("application/json")
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                    .responseTopic("will/replies")
                    .correlationData(Clients.utf8("corr-1"))
                    .userProperties()
                    .add("site", "north")
                    .add("site", "south")
                    .applyUserProperties()
                    .applyWillPublish()
                    .send();
            client.disconnectWith()
                    .reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                    .send();

            Mqtt5Publish will = publishes.receive(20, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(will.getPayloadAsBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"state\":\"gone\"}");
            assertThat(will.getContentType())
                    .hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/json"));
            assertThat(will.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
            assertThat(will.getResponseTopic())
                    .hasValueSatisfying(topic -> assertThat(topic.toString()).isEqualTo("will/replies"));
            assertThat(will.getCorrelationData())
                    .hasValueSatisfying(data -> assertThat(
                                    StandardCharsets.UTF_8.decode(data).toString())
                            .isEqualTo("corr-1"));
            assertThat(will.getUserProperties().asList())
                    .extracting(property -> property.getName() + "=" + property.getValue())
                    .containsExactly("site=north", "site=south");
        }
        watcher.disconnect();
    }

    /** MQTT 5 [MQTT-3.1.3-9]: a client back within the Will Delay Interval has no will published. */
    @Test
    void aClientBackWithinTheWillDelayHasNoWillPublished() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "delay-back-watcher", "will/delay-back");
        abortAfterConnecting(connect5WithWill("delay-back", 60, 30, "will/delay-back", "must-not-appear"));
        try (RawMqttClient client = RawMqttClient.open5(port())) {
            client.send(Wire.connect5(
                    "delay-back",
                    false,
                    0,
                    Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(60)));
            assertThat(client.expect(Packet.CONNACK).sessionPresent()).isTrue();
            endSession(client);
        }
        assertOnlyMarkerArrives(inbox, "will/delay-back");
    }

    /** MQTT 5 [MQTT-3.1.3-9]: the same when the new connection takes the session over from the old one. */
    @Test
    void aTakeoverWithinTheWillDelayHasNoWillPublished() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "takeover-watcher", "will/takeover");
        try (RawMqttClient first = RawMqttClient.open5(port());
                RawMqttClient second = RawMqttClient.open5(port())) {
            first.send(connect5WithWill("takeover-will", 60, 2, "will/takeover", "must-not-appear"));
            first.expect(Packet.CONNACK);
            second.send(Wire.connect5(
                    "takeover-will",
                    false,
                    0,
                    Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(60)));
            second.expect(Packet.CONNACK);
            first.readUntilClosed();
            // Longer than the will delay, connected all the while.
            for (int i = 0; i < 6; i++) {
                second.send(Wire.pingReq());
                second.expect(Packet.PINGRESP);
                Thread.sleep(500);
            }
            endSession(second);
        }
        assertOnlyMarkerArrives(inbox, "will/takeover");
    }

    /** MQTT 5 [MQTT-3.1.3-9]: a delayed will is published once the delay passes. */
    @Test
    void aDelayedWillIsPublishedWhenTheDelayPasses() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "delay-watcher", "will/delayed");
        abortAfterConnecting(connect5WithWill("delayed-will", 60, 1, "will/delayed", "after-a-second"));
        assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("after-a-second");
    }

    /** MQTT 5 section 3.1.3.2.2: the will is published when the session ends, if that comes before the delay. */
    @Test
    void aDelayedWillIsPublishedWhenTheSessionEndsFirst() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "session-end-watcher", "will/session-end");
        abortAfterConnecting(connect5WithWill("session-end-will", 1, 3600, "will/session-end", "session-over"));
        assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("session-over");
    }

    /** The server shutting down is an abnormal end for its clients: their wills are published. */
    @Test
    void theWillIsPublishedWhenTheServerShutsDown() throws Exception {
        RunningEdge shuttingDown = RunningEdge.start(kafka, ONE_PARTITION, ProtocolSettings.defaults());
        try (RunningEdge staying = shuttingDown.startAnother()) {
            Inbox inbox = Inbox.subscribe(staying, "shutdown-watcher", "will/shutdown");
            RawMqttClient client = RawMqttClient.open5(shuttingDown.mqttPort());
            client.send(connect5WithWill("shutdown-will", 0, 0, "will/shutdown", "server-went-away"));
            client.expect(Packet.CONNACK);
            shuttingDown.close();
            List<Packet> last = client.readUntilClosed();
            assertThat(last)
                    .singleElement()
                    .satisfies(packet -> assertThat(packet.reasonCode())
                            .as("0x8B Server shutting down")
                            .isEqualTo(0x8B));
            assertThat(inbox.awaitCount(1)).extracting(Inbox.Received::payload).containsExactly("server-went-away");
        }
    }

    /** A normal DISCONNECT that also ends the session (MQTT 5 Session Expiry Interval 0). */
    private static void endSession(RawMqttClient client) {
        client.send(
                Wire.disconnect5(0, Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(0)));
        client.readUntilClosed();
    }

    /** No will came: a marker published to the will topic now is the only message there. */
    private void assertOnlyMarkerArrives(Inbox inbox, String topic) {
        Clients.publish(edge, topic, "marker", 1);
        assertThat(inbox.awaitPayload("marker"))
                .extracting(Inbox.Received::payload)
                .containsExactly("marker");
    }

    /** Connects, then breaks the socket as a crashed client would. */
    private void abortAfterConnecting(byte[] connect) {
        try (RawMqttClient client = RawMqttClient.open(port())) {
            client.send(connect);
            client.expect(Packet.CONNACK);
            client.abort();
        }
    }

    private static byte[] connect311WithWill(
            String clientId, int keepAlive, String topic, String payload, int qos, boolean retain) {
        int flags = 0x02 | 0x04 | qos << 3 | (retain ? 0x20 : 0);
        return Wire.of()
                .utf8("MQTT")
                .u8(4)
                .u8(flags)
                .u16(keepAlive)
                .utf8(clientId)
                .utf8(topic)
                .binary(Clients.utf8(payload))
                .packet(Wire.CONNECT);
    }

    /** An MQTT 5 CONNECT without clean start, with a session expiry and a will with a delay. */
    private static byte[] connect5WithWill(
            String clientId, long sessionExpiry, long willDelay, String topic, String payload) {
        return Wire.of()
                .utf8("MQTT")
                .u8(5)
                .u8(0x04)
                .u16(0)
                .properties(Wire.of().u8(Wire.SESSION_EXPIRY_INTERVAL).u32(sessionExpiry))
                .utf8(clientId)
                .properties(Wire.of().u8(Wire.WILL_DELAY_INTERVAL).u32(willDelay))
                .utf8(topic)
                .binary(Clients.utf8(payload))
                .packet(Wire.CONNECT);
    }

    private Process mosquittoSubWithWill(String willTopic) throws Exception {
        return new ProcessBuilder(
                        "stdbuf",
                        "-oL",
                        "mosquitto_sub",
                        "-d",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port()),
                        "-t",
                        "will/mosquitto/ignored",
                        "--will-topic",
                        willTopic,
                        "--will-payload",
                        "gone",
                        "--will-qos",
                        "1")
                .redirectErrorStream(true)
                .start();
    }

    /**
     * Waits for mosquitto_sub's SUBACK (its debug output, line-buffered by {@code stdbuf}, says so):
     * only a client that has its CONNACK disconnects normally when stopped.
     */
    private static void awaitSubscribed(Process mosquittoSub) throws Exception {
        java.io.BufferedReader output = new java.io.BufferedReader(
                new java.io.InputStreamReader(mosquittoSub.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.contains("SUBACK")) {
                return;
            }
        }
        throw new AssertionError("mosquitto_sub ended before it had subscribed");
    }
}
