package io.wharf.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.auth.acl.AccessSettings;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Access rules from a Mosquitto ACL file against real clients (HiveMQ MQTT 5, Paho 3.1.1,
 * mosquitto_pub and mosquitto_sub with {@code -u}): refusals with their codes, and a wildcard
 * subscriber that never sees a denied topic.
 */
@Timeout(90)
class AccessRulesIT {

    /** Mosquitto's format, unchanged; the user names are unchecked until authentication lands. */
    private static final String ACL = """
            # clients without a user name may do nothing
            user alice
            topic readwrite sensors/#
            topic deny sensors/secret
            user admin
            topic readwrite #
            # every client
            pattern readwrite users/%u/#
            pattern write devices/%c/up
            """;

    private static MqttEdge edge;

    @BeforeAll
    static void startEdge() {
        String bootstrap = SharedKafka.get().bootstrapServers();
        WharfTopics topics =
                new WharfTopics("acl-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(bootstrap, topics, TopicLayout.defaults());
        edge = MqttEdge.start(EdgeSettings.builder("acl-edge", bootstrap, topics)
                .access(new AccessSettings(AclFile.parse(ACL, "acl"), PublishDenied.DROP))
                .build());
    }

    @AfterAll
    static void stopEdge() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void aRefusedPublishGetsPubAck0x87InMqtt5() {
        Mqtt5BlockingClient alice = client("alice-pub", "alice");
        try {
            assertThatThrownBy(() -> alice.publishWith()
                            .topic("factory/line1")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload("x".getBytes(StandardCharsets.UTF_8))
                            .send())
                    .isInstanceOfSatisfying(
                            Mqtt5PubAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCode())
                                    .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
            alice.publishWith()
                    .topic("sensors/temperature")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload("21".getBytes(StandardCharsets.UTF_8))
                    .send();
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void aRefusedSubscriptionGetsSubAck0x87InMqtt5AndAWiderOneIsGranted() {
        Mqtt5BlockingClient alice = client("alice-sub", "alice");
        try {
            assertThatThrownBy(
                            () -> alice.subscribeWith().topicFilter("factory/#").send())
                    .isInstanceOfSatisfying(
                            Mqtt5SubAckException.class,
                            e -> assertThat(e.getMqttMessage().getReasonCodes())
                                    .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
            assertThat(alice.subscribeWith().topicFilter("#").send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_2);
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void aRefusedSubscriptionGetsSubAck0x80InMqtt311() throws Exception {
        MqttAsyncClient alice =
                new MqttAsyncClient("tcp://127.0.0.1:" + edge.mqttPort(), "alice-paho3", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName("alice");
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        alice.connect(options).waitForCompletion(10_000);
        try {
            IMqttToken token = alice.subscribe(new String[] {"factory/#", "sensors/#"}, new int[] {1, 1});
            token.waitForCompletion(10_000);
            assertThat(token.getGrantedQos()).containsExactly(0x80, 1);
        } finally {
            alice.disconnect().waitForCompletion(10_000);
            alice.close();
        }
    }

    @Test
    void aWildcardSubscriberNeverSeesADeniedTopicWhileItSeesAnAllowedOne() {
        Mqtt5BlockingClient alice = client("alice-hash", "alice");
        Mqtt5BlockingClient admin = client("admin-hash", "admin");
        List<String> aliceGot = new CopyOnWriteArrayList<>();
        List<String> adminGot = new CopyOnWriteArrayList<>();
        try {
            alice.toAsync()
                    .subscribeWith()
                    .topicFilter("sensors/#")
                    .callback(p -> aliceGot.add(p.getTopic().toString()))
                    .send()
                    .join();
            admin.toAsync()
                    .subscribeWith()
                    .topicFilter("sensors/#")
                    .callback(p -> adminGot.add(p.getTopic().toString()))
                    .send()
                    .join();
            publish(admin, "sensors/secret");
            publish(admin, "sensors/open");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> adminGot.containsAll(List.of("sensors/secret", "sensors/open"))
                            && aliceGot.contains("sensors/open"));
            assertThat(aliceGot).doesNotContain("sensors/secret");
        } finally {
            alice.disconnect();
            admin.disconnect();
        }
    }

    @Test
    void mosquittoClientsWithAUserNameAreHeldToTheirRulesAndPatterns() throws Exception {
        MosquittoClients.requireInstalled();
        try (MosquittoClients.Subscriber admin =
                        MosquittoClients.subscribe(edge.mqttPort(), "#", "-u", "admin", "-q", "1");
                MosquittoClients.Subscriber bob =
                        MosquittoClients.subscribe(edge.mqttPort(), "users/bob/#", "-u", "bob", "-q", "1")) {
            double deniedBefore = deniedPublishes();
            // 3.1.1 has no negative PUBACK: the refused message is acknowledged and dropped
            MosquittoClients.CommandResult refused = MosquittoClients.publish(
                    edge.mqttPort(), "users/alice/inbox", "not yours", "-u", "bob", "-q", "1", "-V", "mqttv311");
            assertThat(refused.exitCode()).as(refused.output()).isZero();
            MosquittoClients.CommandResult own = MosquittoClients.publish(
                    edge.mqttPort(), "users/bob/inbox", "yours", "-u", "bob", "-q", "1", "-V", "mqttv311");
            assertThat(own.exitCode()).as(own.output()).isZero();
            MosquittoClients.CommandResult device = MosquittoClients.publish(
                    edge.mqttPort(), "devices/meter-9/up", "42", "-u", "bob", "-i", "meter-9", "-q", "1");
            assertThat(device.exitCode()).as(device.output()).isZero();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> admin.messages().containsAll(List.of("users/bob/inbox yours", "devices/meter-9/up 42"))
                            && bob.messages().contains("users/bob/inbox yours"));
            assertThat(admin.messages()).doesNotContain("users/alice/inbox not yours");
            assertThat(deniedPublishes()).isEqualTo(deniedBefore + 1);
        }
    }

    private static void publish(Mqtt5BlockingClient client, String topic) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(topic.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    private static double deniedPublishes() throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith("wharf_auth_denied_total") && line.contains("action=\"publish\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Mqtt5BlockingClient client(String id, String user) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .simpleAuth()
                .username(user)
                .applySimpleAuth()
                .buildBlocking();
        client.connect();
        return client;
    }
}
