package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.RunningEdge;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each limit as real MQTT 5 and 3.1.1 clients meet it, on an edge over a real Kafka, and its metric. */
@ExtendWith(KafkaExtension.class)
@Timeout(90)
class LimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void pastTheMaximumConnectionsMqtt5ClientsGet0x97AndMqtt311Clients0x03(TestKafka kafka) throws Exception {
        try (RunningEdge edge = start(kafka, LimitSettings.defaults().withMaxConnections(2))) {
            org.eclipse.paho.mqttv5.client.MqttClient first = Clients.paho5(edge, "limit-first");
            first.connect(Clients.options5());
            org.eclipse.paho.client.mqttv3.MqttClient second = Clients.paho311(edge, "limit-second", true);

            org.eclipse.paho.mqttv5.client.MqttClient third = Clients.paho5(edge, "limit-third-5");
            assertThatThrownBy(() -> third.connect(Clients.options5()))
                    .isInstanceOfSatisfying(
                            org.eclipse.paho.mqttv5.common.MqttException.class,
                            e -> assertThat(e.getReasonCode()).isEqualTo(0x97));
            assertThatThrownBy(() -> Clients.paho311(edge, "limit-third-311", true))
                    .isInstanceOfSatisfying(
                            MqttException.class,
                            e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_BROKER_UNAVAILABLE));
            assertThat(limitHits(edge, "max-connections")).isEqualTo(2);

            first.disconnect();
            first.close();
            org.eclipse.paho.mqttv5.client.MqttClient again = Clients.paho5(edge, "limit-again");
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                again.connect(Clients.options5()); // once the first one's slot is given back
                return again.isConnected();
            });
            again.disconnect();
            again.close();
            Clients.close(second);
        }
    }

    @Test
    void connectingFasterThanTheRateGets0x9F(TestKafka kafka) throws Exception {
        try (RunningEdge edge = start(kafka, LimitSettings.defaults().withConnectionRate(1))) {
            ExecutorService clients = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> outcomes = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String clientId = "rate-" + i;
                    outcomes.add(clients.submit(() -> connectOutcome(edge, clientId)));
                }
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> outcome : outcomes) {
                    codes.add(outcome.get());
                }
                // at 1 a second (a burst of 1) six at once cannot all get in
                assertThat(codes).contains(0).contains(0x9F).containsOnly(0, 0x9F);
                assertThat(limitHits(edge, "connection-rate"))
                        .isEqualTo(codes.stream().filter(code -> code == 0x9F).count());
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void behindALoadBalancerTheRateCountsTheAddressThePROXYHeaderNames(TestKafka kafka) throws Exception {
        WharfTopics topics =
                new WharfTopics("limits-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        EdgeSettings settings = EdgeSettings.builder("limits-proxy", kafka.bootstrapServers(), topics)
                .listeners(List.of(ListenerSettings.tcp("127.0.0.1", 0).withProxyProtocol(true)))
                .protocol(ProtocolSettings.builder()
                        .limits(LimitSettings.defaults().withConnectionRate(1))
                        .build())
                .build();
        try (MqttEdge edge = MqttEdge.start(settings)) {
            int port = edge.listenerPorts().get(1);
            // Three at once from one device: at 1 a second (a burst of 1) not all of them get in.
            List<RawMqttClient> sameDevice = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sameDevice.add(behindBalancer(port, "192.0.2.10", "device-a-" + i));
            }
            List<Integer> codes = new ArrayList<>();
            for (RawMqttClient client : sameDevice) {
                codes.add(client.expect(RawMqttClient.Packet.CONNACK).reasonCode());
            }
            assertThat(codes).contains(0).contains(3).containsOnly(0, 3);

            // Every connection comes from 127.0.0.1, yet another device has a budget of its own.
            try (RawMqttClient other = behindBalancer(port, "192.0.2.11", "device-b")) {
                assertThat(other.expect(RawMqttClient.Packet.CONNACK).reasonCode())
                        .isZero();
            }
            sameDevice.forEach(RawMqttClient::close);
        }
    }

    @Test
    void subscriptionsPastTheMaximumAndFiltersTooLongAreRefusedInSubAck(TestKafka kafka) throws Exception {
        LimitSettings limits = LimitSettings.defaults().withMaxSubscriptions(2).withTopicLimits(32, 4);
        try (RunningEdge edge = start(kafka, limits)) {
            Mqtt5BlockingClient mqtt5 = Clients.hivemq5(edge, "subs-5");
            mqtt5.connect();
            List<Mqtt5SubAckReasonCode> codes =
                    subAckCodes(mqtt5, "subs/a", "subs/b/c/d/e", "subs/b", "subs/c", "subs/" + "x".repeat(40));
            assertThat(codes)
                    .containsExactly(
                            Mqtt5SubAckReasonCode.GRANTED_QOS_1,
                            Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID,
                            Mqtt5SubAckReasonCode.GRANTED_QOS_1,
                            Mqtt5SubAckReasonCode.QUOTA_EXCEEDED,
                            Mqtt5SubAckReasonCode.TOPIC_FILTER_INVALID);
            mqtt5.disconnect();

            org.eclipse.paho.client.mqttv3.MqttClient mqtt311 = Clients.paho311(edge, "subs-311", true);
            IMqttToken subAck =
                    mqtt311.subscribeWithResponse(new String[] {"subs/a", "subs/b", "subs/c"}, new int[] {1, 1, 1});
            assertThat(subAck.getGrantedQos()).containsExactly(1, 1, 0x80);
            Clients.close(mqtt311);

            assertThat(limitHits(edge, "max-subscriptions")).isEqualTo(2);
            assertThat(limitHits(edge, "max-topic-levels")).isEqualTo(1);
            assertThat(limitHits(edge, "max-topic-length")).isEqualTo(1);
        }
    }

    @Test
    void aTopicTooLongIsRefusedWith0x90OrEndsTheConnection(TestKafka kafka) throws Exception {
        try (RunningEdge edge = start(kafka, LimitSettings.defaults().withTopicLimits(32, 4))) {
            AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
            Mqtt5BlockingClient mqtt5 = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("long-topic-5")
                    .serverHost("127.0.0.1")
                    .serverPort(edge.mqttPort())
                    .addDisconnectedListener(context -> {
                        if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                            reason.set(disconnect.getMqttMessage().getReasonCode());
                        }
                    })
                    .buildBlocking();
            mqtt5.connect();
            mqtt5.publishWith().topic("fine/topic").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThatThrownBy(() -> mqtt5.publishWith()
                            .topic("long/" + "x".repeat(40))
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send())
                    .isInstanceOfSatisfying(
                            Mqtt5PubAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode())
                                    .isEqualTo(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID));
            assertThat(mqtt5.getState().isConnected())
                    .as("a QoS 1 message can be refused alone")
                    .isTrue();
            mqtt5.publishWith()
                    .topic("long/" + "x".repeat(40))
                    .qos(MqttQos.AT_MOST_ONCE)
                    .send();
            await().atMost(WAIT)
                    .untilAsserted(
                            () -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.TOPIC_NAME_INVALID));

            Mqtt5BlockingClient longWill = Clients.hivemq5(edge, "long-will-5");
            assertThatThrownBy(() -> longWill.connectWith()
                            .willPublish()
                            .topic("will/" + "x".repeat(40))
                            .applyWillPublish()
                            .send())
                    .isInstanceOfSatisfying(
                            Mqtt5ConnAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode())
                                    .isEqualTo(Mqtt5ConnAckReasonCode.TOPIC_NAME_INVALID));

            // 3.1.1 has no answer that refuses a PUBLISH: the edge closes the connection
            try (RawMqttClient mqtt311 = RawMqttClient.connected311(edge.mqttPort(), "deep-topic-311")) {
                mqtt311.send(Wire.publish311("a/b/c/d/e", 1, 1, Clients.utf8("too deep")));
                assertThat(mqtt311.readUntilClosed())
                        .as("no PUBACK, only the end")
                        .isEmpty();
            }

            assertThat(limitHits(edge, "max-topic-length")).isEqualTo(3);
            assertThat(limitHits(edge, "max-topic-levels")).isEqualTo(1);
        }
    }

    @Test
    void aPublisherOverItsRateIsSlowedDownAndLosesNothing(TestKafka kafka) throws Exception {
        int messages = 60;
        try (RunningEdge edge = start(kafka, LimitSettings.defaults().withPublishRates(20, 0))) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            org.eclipse.paho.client.mqttv3.MqttClient subscriber = Clients.paho311(edge, "paced-sub", true);
            subscriber.subscribe("paced/#", 1, (topic, message) -> received.add(new String(message.getPayload())));
            MqttConnectOptions options = Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1_1, true);
            // All in flight at once, so that the rate is exceeded however slow the machine answers.
            options.setMaxInflight(messages);
            MqttAsyncClient publisher = new MqttAsyncClient(edge.mqttUri(), "paced-pub", new MemoryPersistence());
            publisher.connect(options).waitForCompletion(WAIT.toMillis());
            List<IMqttDeliveryToken> acknowledged = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                acknowledged.add(publisher.publish("paced/" + (i % 3), Clients.utf8("m" + i), 1, false));
            }
            for (IMqttDeliveryToken token : acknowledged) {
                token.waitForCompletion(WAIT.toMillis());
            }

            await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(messages));
            assertThat(limitHits(edge, "publish-rate")).isPositive();
            publisher.disconnect().waitForCompletion(WAIT.toMillis());
            publisher.close();
            Clients.close(subscriber);
        }
    }

    @Test
    void aSubscriberThatStopsReadingMeetsMaxQueuedBytesAndOthersAreStillServed(TestKafka kafka) throws Exception {
        try (RunningEdge edge = start(kafka, LimitSettings.defaults().withMaxQueuedBytes(16 * 1024));
                Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", edge.mqttPort()));
            stuck.getOutputStream().write(Wire.connect311("never-reads", true, 0));
            stuck.getOutputStream().write(Wire.subscribe311(1, "flood/#", 0));
            stuck.getOutputStream().flush();
            InputStream in = stuck.getInputStream();
            assertThat(in.readNBytes(4)).as("CONNACK").startsWith(0x20);
            assertThat(in.readNBytes(5)).as("SUBACK").startsWith(0x90);
            // from here on it reads nothing

            Set<String> served = ConcurrentHashMap.newKeySet();
            org.eclipse.paho.client.mqttv3.MqttClient reader = Clients.paho311(edge, "keeps-reading", true);
            reader.subscribe("served/#", 1, (topic, message) -> served.add(new String(message.getPayload())));
            org.eclipse.paho.client.mqttv3.MqttClient publisher = Clients.paho311(edge, "flooder", true);
            byte[] payload = new byte[4096];
            await().atMost(WAIT).until(() -> {
                for (int i = 0; i < 200; i++) {
                    publisher.publish("flood/x", payload, 0, false);
                }
                return limitHits(edge, "max-queued-bytes") > 0;
            });

            for (int i = 0; i < 10; i++) {
                publisher.publish("served/x", Clients.utf8("s" + i), 1, false);
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(served).hasSize(10));
            Clients.close(publisher);
            Clients.close(reader);
        }
    }

    /** The reason codes of one SUBACK to QoS 1 subscriptions of these filters (HiveMQ throws when one failed). */
    private static List<Mqtt5SubAckReasonCode> subAckCodes(Mqtt5BlockingClient client, String... filters) {
        List<Mqtt5Subscription> subscriptions = new ArrayList<>();
        for (String filter : filters) {
            subscriptions.add(Mqtt5Subscription.builder()
                    .topicFilter(filter)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .build());
        }
        try {
            return client.subscribeWith().addSubscriptions(subscriptions).send().getReasonCodes();
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes();
        }
    }

    private static RunningEdge start(TestKafka kafka, LimitSettings limits) {
        return RunningEdge.start(
                kafka,
                TopicLayout.defaults(),
                ProtocolSettings.builder().limits(limits).build());
    }

    /** A raw MQTT 3.1.1 client whose connection a load balancer's PROXY header says comes from {@code source}. */
    private static RawMqttClient behindBalancer(int port, String source, String clientId) {
        RawMqttClient client = RawMqttClient.open(port);
        client.send(
                ("PROXY TCP4 " + source + " 127.0.0.1 40000 1883\r\n").getBytes(StandardCharsets.US_ASCII),
                Wire.connect311(clientId, true, 0));
        return client;
    }

    /** 0 when a Paho MQTT 5 client got in, the CONNACK reason code when it was refused. */
    private static int connectOutcome(RunningEdge edge, String clientId) throws Exception {
        org.eclipse.paho.mqttv5.client.MqttClient client = Clients.paho5(edge, clientId);
        try {
            client.connect(Clients.options5());
            client.disconnect();
            return 0;
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            return e.getReasonCode();
        } finally {
            client.close();
        }
    }

    /** The edge's {@code wharf_limit_hits_total} for one limit, 0 before it first bit. */
    private static long limitHits(RunningEdge edge, String limit) throws Exception {
        return (long) edge.counter("wharf_limit_hits_total", "limit", limit);
    }
}
