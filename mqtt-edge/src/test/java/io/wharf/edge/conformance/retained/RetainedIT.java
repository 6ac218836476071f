package io.wharf.edge.conformance.retained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.wharf.edge.RunningEdge;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.Inbox;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.MosquittoClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 3.1.1 and 5.0 section 3.3.1.3 (RETAIN) and 5.0 section 3.8.3.1 (Retain Handling, Retain As Published). */
@Timeout(120)
class RetainedIT extends EdgePerClass {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** [MQTT-3.3.1-5] / [MQTT-3.3.1-6]: a retained message is stored and sent to a new subscriber with RETAIN 1. */
    @Test
    void aRetainedMessageReachesALaterSubscriberFlaggedAsRetained() {
        MosquittoClients.requireInstalled();
        MosquittoClients.CommandResult pub =
                MosquittoClients.publish(port(), "cli-retained/topic", "kept", "-r", "-q", "1");
        assertThat(pub.exitCode()).as(pub.output()).isZero();

        try (MosquittoClients.Subscriber sub =
                MosquittoClients.subscribe(port(), "cli-retained/#", "-V", "mqttv5", "-F", "MSG> %t %p retain=%r")) {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(sub.messages())
                            .as(sub.transcript())
                            .containsExactly("cli-retained/topic kept retain=1"));
        }
    }

    /** [MQTT-3.3.1-5]: a new retained message replaces the one before. */
    @Test
    void aNewRetainedMessageReplacesTheOldOne() throws Exception {
        retain("retained/replace", "first");
        retain("retained/replace", "second");
        Inbox inbox = Inbox.subscribe(edge, "replace-sub", "retained/replace");
        Clients.publish(edge, "retained/replace", "marker", 1);
        assertThat(inbox.awaitPayload("marker"))
                .extracting(Inbox.Received::payload, Inbox.Received::retained)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("second", true),
                        org.assertj.core.groups.Tuple.tuple("marker", false));
    }

    /** [MQTT-3.3.1-10] / [MQTT-3.3.1-11] (3.1.1): an empty retained message clears the topic's retained message. */
    @Test
    void anEmptyRetainedMessageClearsTheRetainedMessage() throws Exception {
        retain("retained/clear", "soon-gone");
        Clients.publish(edge, "retained/clear", new byte[0], 1, true);

        Inbox inbox = Inbox.subscribe(edge, "clear-sub", "retained/clear");
        Clients.publish(edge, "retained/clear", "marker", 1);
        assertThat(inbox.awaitPayload("marker"))
                .extracting(Inbox.Received::payload)
                .containsExactly("marker");
    }

    /** [MQTT-3.3.1-9] (3.1.1): a message to an established subscription goes out with RETAIN 0. */
    @Test
    void aRetainedMessageToAnExistingSubscriberIsNotFlaggedRetained() throws Exception {
        Inbox inbox = Inbox.subscribe(edge, "live-retained-sub", "retained/live");
        retain("retained/live", "live");
        assertThat(inbox.awaitCount(1))
                .singleElement()
                .satisfies(received -> assertThat(received.retained()).isFalse());
    }

    /** 3.1.1 section 3.3.5 / 5.0 section 3.3.1.3: a retained message goes out at the lower of its and the granted QoS. */
    @Test
    void aRetainedMessageIsSentAtTheLowerOfItsQosAndTheGrantedQos() throws Exception {
        retain("retained/qos", "qos-2", 2);
        try (RawMqttClient client = RawMqttClient.connected311(port(), "retained-qos")) {
            client.subscribe("retained/qos", 1);
            Packet publish = client.expect(Packet.PUBLISH);
            assertThat(publish.retain()).isTrue();
            assertThat(publish.qos()).isEqualTo(1);
        }
    }

    /** MQTT 5 [MQTT-3.3.1-12] / [MQTT-3.3.1-13]: Retain As Published keeps the RETAIN flag of live messages. */
    @Test
    void retainAsPublishedKeepsTheRetainFlagOfLiveMessages() throws InterruptedException {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "retain-as-published");
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter("retained/as-published/keep")
                    .retainAsPublished(true)
                    .addSubscription()
                    .topicFilter("retained/as-published/drop")
                    .applySubscription()
                    .send();
            retain("retained/as-published/keep", "kept-flag");
            retain("retained/as-published/drop", "dropped-flag");

            List<String> received = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Mqtt5Publish publish =
                        publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow();
                received.add(text(publish) + " retain=" + publish.isRetain());
            }
            assertThat(received).containsExactly("kept-flag retain=true", "dropped-flag retain=false");
        }
        client.disconnect();
    }

    /** MQTT 5 [MQTT-3.3.1-9]: Retain Handling 0 sends the retained messages at every SUBSCRIBE. */
    @Test
    void retainHandling0SendsRetainedMessagesAtEverySubscribe() throws InterruptedException {
        retain("retained/handling-0", "each-time");
        assertThat(receivedOnTwoSubscribes("handling-0", "retained/handling-0", Mqtt5RetainHandling.SEND))
                .containsExactly("each-time", "each-time", "marker");
    }

    /** MQTT 5 [MQTT-3.3.1-10]: Retain Handling 1 sends them only if the subscription did not exist. */
    @Test
    void retainHandling1SendsRetainedMessagesOnlyForANewSubscription() throws InterruptedException {
        retain("retained/handling-1", "first-time");
        assertThat(receivedOnTwoSubscribes(
                        "handling-1", "retained/handling-1", Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST))
                .containsExactly("first-time", "marker");
    }

    /** MQTT 5 [MQTT-3.3.1-11]: Retain Handling 2 never sends them. */
    @Test
    void retainHandling2NeverSendsRetainedMessages() throws InterruptedException {
        retain("retained/handling-2", "never");
        assertThat(receivedOnTwoSubscribes("handling-2", "retained/handling-2", Mqtt5RetainHandling.DO_NOT_SEND))
                .containsExactly("marker");
    }

    /** Retained messages live in the compacted retained topic: a record per topic, a tombstone to clear it. */
    @Test
    void retainedMessagesAreRecordsOfTheCompactedRetainedTopic() throws Exception {
        retain("retained/in-kafka", "stored");
        Clients.publish(edge, "retained/in-kafka", new byte[0], 1, true);

        String topic = edge.topics().retained().name();
        List<ConsumerRecord<byte[], byte[]>> records = KafkaRecords.readUntil(
                edge.kafkaBootstrap(),
                topic,
                record -> key(record).equals("retained/in-kafka") && record.value() == null,
                WAIT);
        List<ConsumerRecord<byte[], byte[]>> forTopic = records.stream()
                .filter(record -> key(record).equals("retained/in-kafka"))
                .toList();
        assertThat(forTopic).hasSize(2);
        assertThat(new String(forTopic.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("stored");
        assertThat(forTopic.get(1).value()).as("tombstone").isNull();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, edge.kafkaBootstrap()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource))
                            .all()
                            .get()
                            .get(resource)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value())
                    .isEqualTo("compact");
        }
    }

    /** A restarted edge reads the retained messages back from Kafka. */
    @Test
    void retainedMessagesSurviveAnEdgeRestart() throws Exception {
        RunningEdge first = RunningEdge.start(kafka, ONE_PARTITION, ProtocolSettings.defaults());
        Clients.publish(first, "restart/kept", Clients.utf8("still-here"), 1, true);
        Clients.publish(first, "restart/cleared", Clients.utf8("gone"), 1, true);
        Clients.publish(first, "restart/cleared", new byte[0], 1, true);
        first.close();

        try (RunningEdge restarted = first.startAnother()) {
            Inbox inbox = Inbox.subscribe(restarted, "restart-sub", "restart/#");
            Clients.publish(restarted, "restart/kept", "marker", 1);
            assertThat(inbox.awaitPayload("marker"))
                    .extracting(Inbox.Received::line, Inbox.Received::retained)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("restart/kept still-here", true),
                            org.assertj.core.groups.Tuple.tuple("restart/kept marker", false));
        }
    }

    /** Subscribes twice with the given Retain Handling, then publishes a marker; returns the payloads received. */
    private List<String> receivedOnTwoSubscribes(String clientId, String topic, Mqtt5RetainHandling handling)
            throws InterruptedException {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, clientId);
        client.connect();
        List<String> received = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            for (int i = 0; i < 2; i++) {
                client.subscribeWith()
                        .topicFilter(topic)
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .retainHandling(handling)
                        .send();
            }
            Clients.publish(edge, topic, "marker", 1);
            while (!received.contains("marker")) {
                received.add(text(
                        publishes.receive(WAIT.toSeconds(), TimeUnit.SECONDS).orElseThrow()));
            }
        }
        client.disconnect();
        return received;
    }

    private void retain(String topic, String payload) {
        retain(topic, payload, 1);
    }

    private void retain(String topic, String payload, int qos) {
        Clients.publish(edge, topic, Clients.utf8(payload), qos, true);
    }

    private static String text(Mqtt5Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
