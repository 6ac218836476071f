package io.wharf.edge.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.acl.AccessSettings;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.auth.acl.Who;
import io.wharf.edge.auth.cluster.AuthRecords;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.kafka.auth.AuthTopicClient;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.auth.AuthKeys;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two edges share their users and rules through the auth topic: the first seeds it from its files,
 * the second has none of its own, and changes written to the topic (as {@code wharf user} and
 * {@code wharf acl} do) reach clients connected to either, without a reconnect.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // two edges for all; each test has users of its own
@Timeout(90)
class SharedAuthIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ACL =
            "user admin\ntopic readwrite #\nuser alice\ntopic read sensors/#\nuser rita\ntopic read sensors/#\n"
                    + "user rex\ntopic read sensors/#\ngroup readers\ntopic read news/#\n";

    private WharfTopics topics;
    private MqttEdge seeding;
    private MqttEdge joining;
    private AuthTopicClient auth;

    @BeforeAll
    void startTwoEdges(TestKafka kafka) {
        topics = new WharfTopics("shauth-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        PasswordFile file = PasswordFile.parse(
                List.of(
                        "admin:" + hash("admin-pw"),
                        "alice:" + hash("alice-pw"),
                        "bob:" + hash("bob-pw"),
                        "rita:" + hash("rita-pw"),
                        "rex:" + hash("rex-pw")),
                "file");
        seeding = MqttEdge.start(EdgeSettings.builder("shauth-a", kafka.bootstrapServers(), topics)
                .auth(AuthSettings.checkedBy(new ConfiguredAuthenticator(Optional.of(file), Optional.empty(), false)))
                .access(new AccessSettings(AclFile.parse(ACL, "acl"), PublishDenied.DROP))
                .build());
        joining = MqttEdge.start(EdgeSettings.builder("shauth-b", kafka.bootstrapServers(), topics)
                .auth(AuthSettings.checkedBy(new ConfiguredAuthenticator(Optional.empty(), Optional.empty(), false)))
                .build());
        auth = AuthTopicClient.connect(kafka.bootstrapServers(), Map.of(), topics.auth(), WAIT);
    }

    @AfterAll
    void stop() {
        auth.close();
        joining.close();
        seeding.close();
    }

    @Test
    void anEdgeWithoutFilesTakesTheUsersAndRulesTheFirstEdgeSeeded() {
        Mqtt5BlockingClient alice = v5(joining, "alice-1", "alice", "alice-pw");

        assertThatThrownBy(() -> alice.subscribeWith().topicFilter("admin/#").send())
                .isInstanceOf(Mqtt5SubAckException.class);
        assertThat(connAckCode(joining, "alice-2", "alice", "wrong"))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertThat(connAckCode(joining, "mallory-1", "mallory", "x"))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        alice.disconnect();
    }

    @Test
    void aReadRevokedOnTheTopicStopsDeliveriesToAClientOfTheOtherEdgeAndItsSubscriptionGoes() {
        Mqtt5BlockingClient admin = v5(seeding, "admin-1", "admin", "admin-pw");
        Mqtt5BlockingClient rita = v5(joining, "rita-1", "rita", "rita-pw");
        Mqtt5BlockingClient witness = v5(joining, "admin-2", "admin", "admin-pw");
        List<String> ritaGot = subscribe(rita, "sensors/#");
        List<String> witnessGot = subscribe(witness, "sensors/#");
        publish(admin, "sensors/1");
        await().atMost(WAIT).until(() -> ritaGot.contains("sensors/1"));

        auth.remove(AuthKeys.of(AuthRecords.rule(AclFile.rule(Who.user("rita"), "read sensors/#"))));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThatThrownBy(() ->
                                rita.subscribeWith().topicFilter("sensors/#").send())
                        .isInstanceOf(Mqtt5SubAckException.class));
        publish(admin, "sensors/2");

        await().atMost(WAIT).until(() -> witnessGot.contains("sensors/2"));
        assertThat(ritaGot).containsExactly("sensors/1");
        rita.disconnect();
        witness.disconnect();
        admin.disconnect();
    }

    @Test
    void aRuleAddedThroughTheTopicLetsAConnectedClientSubscribe() {
        Mqtt5BlockingClient bob = v5(seeding, "bob-1", "bob", "bob-pw");
        assertThatThrownBy(() -> bob.subscribeWith().topicFilter("sensors/#").send())
                .isInstanceOf(Mqtt5SubAckException.class);

        AccessRule readSensors = AclFile.rule(Who.user("bob"), "read sensors/#");
        auth.put(AuthRecords.rule(readSensors));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> bob.subscribeWith().topicFilter("sensors/#").send());
        bob.disconnect();
    }

    @Test
    void aRemovedUserIsDisconnectedFromEveryEdgeAndCannotComeBack() throws Exception {
        AtomicReference<Mqtt5DisconnectReasonCode> told = new AtomicReference<>();
        AtomicReference<String> why = new AtomicReference<>();
        Mqtt5BlockingClient v5 = MqttClient.builder()
                .useMqttVersion5()
                .identifier("rex-v5")
                .serverHost("127.0.0.1")
                .serverPort(joining.mqttPort())
                .addDisconnectedListener(context -> {
                    if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                        why.set(disconnect
                                .getMqttMessage()
                                .getReasonString()
                                .map(Object::toString)
                                .orElse(""));
                        told.set(disconnect.getMqttMessage().getReasonCode());
                    }
                })
                .buildBlocking();
        v5.connectWith()
                .simpleAuth()
                .username("rex")
                .password("rex-pw".getBytes(UTF_8))
                .applySimpleAuth()
                .send();
        AtomicReference<Throwable> lost = new AtomicReference<>();
        org.eclipse.paho.client.mqttv3.MqttClient v3 = v3(seeding, "rex-v3", "rex", "rex-pw", lost);

        auth.remove(AuthKeys.user("rex"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(told.get()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED));
        assertThat(why.get()).contains("user 'rex' was removed");
        await().atMost(WAIT).until(() -> lost.get() != null);
        assertThat(v3.isConnected()).isFalse();
        assertThat(connAckCode(seeding, "rex-again", "rex", "rex-pw"))
                .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        v3.close();
    }

    @Test
    void aUserAddedThroughTheTopicConnectsToBothEdgesInTheGroupItWasGiven() {
        auth.put(AuthRecords.user("carol", hash("carol-pw"), Set.of("readers")));

        await().atMost(WAIT)
                .untilAsserted(() -> v5(joining, "carol-1", "carol", "carol-pw").disconnect());
        Mqtt5BlockingClient carol = v5(seeding, "carol-2", "carol", "carol-pw");
        carol.subscribeWith().topicFilter("news/#").send();
        assertThatThrownBy(() -> carol.subscribeWith().topicFilter("sensors/#").send())
                .isInstanceOf(Mqtt5SubAckException.class);
        carol.disconnect();
    }

    @Test
    void aUserMovedOutOfAGroupStaysConnectedAndLosesWhatTheGroupAllowed() {
        String daveHash = hash("dave-pw");
        auth.put(AuthRecords.user("dave", daveHash, Set.of("readers")));
        await().atMost(WAIT)
                .untilAsserted(() -> v5(joining, "dave-0", "dave", "dave-pw").disconnect());
        Mqtt5BlockingClient admin = v5(seeding, "admin-3", "admin", "admin-pw");
        Mqtt5BlockingClient dave = v5(joining, "dave-1", "dave", "dave-pw");
        Mqtt5BlockingClient witness = v5(joining, "admin-4", "admin", "admin-pw");
        List<String> daveGot = subscribe(dave, "news/#");
        List<String> witnessGot = subscribe(witness, "news/#");

        auth.put(AuthRecords.user("dave", daveHash, Set.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThatThrownBy(
                                () -> dave.subscribeWith().topicFilter("news/#").send())
                        .isInstanceOf(Mqtt5SubAckException.class));
        publish(admin, "news/1");

        await().atMost(WAIT).until(() -> witnessGot.contains("news/1"));
        assertThat(daveGot).isEmpty();
        assertThat(dave.getState().isConnected()).isTrue();
        dave.disconnect();
        witness.disconnect();
        admin.disconnect();
    }

    @Test
    void theAdminApiOfEitherEdgeChangesTheClustersUsersAndRules() throws Exception {
        assertThat(http(joining, "PUT", "/api/users/erin", "{\"password\":\"erin-pw\",\"groups\":[\"readers\"]}")
                        .statusCode())
                .isEqualTo(200);
        await().atMost(WAIT)
                .untilAsserted(() -> v5(seeding, "erin-0", "erin", "erin-pw").disconnect());
        assertThat(http(seeding, "GET", "/api/users", "").body())
                .contains("{\"user\":\"erin\",\"groups\":[\"readers\"]}")
                .doesNotContain("$7$");
        Mqtt5BlockingClient erin = v5(joining, "erin-1", "erin", "erin-pw");
        assertThatThrownBy(() -> erin.subscribeWith().topicFilter("sensors/#").send())
                .isInstanceOf(Mqtt5SubAckException.class);

        String rule = "{\"who\":\"user\",\"name\":\"erin\",\"access\":\"read\",\"topic\":\"sensors/#\"}";
        assertThat(http(seeding, "POST", "/api/acl", rule).statusCode()).isEqualTo(200);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> erin.subscribeWith().topicFilter("sensors/#").send());
        assertThat(http(joining, "GET", "/api/acl", "").body()).contains(rule);
        assertThat(http(joining, "POST", "/api/acl", "{\"who\":\"user\",\"access\":\"read\",\"topic\":\"x\"}")
                        .statusCode())
                .isEqualTo(400);

        assertThat(http(joining, "DELETE", "/api/acl?who=user&name=erin&access=read&topic=sensors%2F%23", "")
                        .statusCode())
                .isEqualTo(200);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThatThrownBy(() ->
                                erin.subscribeWith().topicFilter("sensors/#").send())
                        .isInstanceOf(Mqtt5SubAckException.class));
        assertThat(http(joining, "DELETE", "/api/users/erin", "").statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !erin.getState().isConnected());
        assertThat(http(joining, "DELETE", "/api/users/erin", "").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> http(MqttEdge edge, String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.httpPort() + path))
                                .method(method, HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String hash(String password) {
        return PasswordHash.pbkdf2(password.getBytes(UTF_8), 101, new SecureRandom())
                .encoded();
    }

    private static Mqtt5BlockingClient v5(MqttEdge edge, String id, String user, String password) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
        client.connectWith()
                .simpleAuth()
                .username(user)
                .password(password.getBytes(UTF_8))
                .applySimpleAuth()
                .send();
        return client;
    }

    private static Mqtt5ConnAckReasonCode connAckCode(MqttEdge edge, String id, String user, String password) {
        try {
            v5(edge, id, user, password).disconnect();
            return Mqtt5ConnAckReasonCode.SUCCESS;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    private static org.eclipse.paho.client.mqttv3.MqttClient v3(
            MqttEdge edge, String id, String user, String password, AtomicReference<Throwable> lost) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient client = new org.eclipse.paho.client.mqttv3.MqttClient(
                "tcp://127.0.0.1:" + edge.mqttPort(), id, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.set(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {}

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setAutomaticReconnect(false);
        client.connect(options);
        IMqttMessageListener ignore = (topic, message) -> {};
        client.subscribe("sensors/#", 1, ignore);
        return client;
    }

    private static List<String> subscribe(Mqtt5BlockingClient client, String filter) {
        List<String> received = new CopyOnWriteArrayList<>();
        client.toAsync()
                .subscribeWith()
                .topicFilter(filter)
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> received.add(publish.getTopic().toString()))
                .send()
                .join();
        return received;
    }

    private static void publish(Mqtt5BlockingClient client, String topic) {
        client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(topic.getBytes(UTF_8))
                .send();
    }
}
