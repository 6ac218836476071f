package io.wharf.edge.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wharf.edge.RunningEdge;
import io.wharf.edge.conformance.Clients;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real clients against an edge with the password file {@code mosquitto_passwd} wrote (used
 * unchanged), JWTs for audience {@code wharf}, and anonymous clients refused. Refusal delays are
 * kept short here; their growth is {@link FailedAttemptsTest}'s.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticationIT {

    private RunningEdge edge;

    @BeforeAll
    void startEdge(TestKafka kafka) throws Exception {
        MosquittoClients.requireInstalled();
        List<String> lines = new ArrayList<>(Files.readAllLines(
                Path.of(Objects.requireNonNull(AuthenticationIT.class.getResource("/auth/mosquitto-passwords"))
                        .toURI())));
        // A hash too slow for an event loop: checked on the authentication threads.
        lines.add("slow:"
                + PasswordHash.pbkdf2("slow-secret".getBytes(UTF_8), 20_000, new SecureRandom())
                        .encoded());
        PasswordFile users = PasswordFile.parse(lines, "mosquitto-passwords and a slow user");
        JwtVerifier tokens = new JwtVerifier(JwtSettings.hmac(TestTokens.SECRET).withAudience("wharf"));
        edge = RunningEdge.start(
                kafka,
                AuthSettings.checkedBy(new ConfiguredAuthenticator(Optional.of(users), Optional.of(tokens), false))
                        .withRefusalDelays(Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    @AfterAll
    void stopEdge() {
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void mqtt311ClientsWithTheRightPasswordOfAMosquittoFileAreAccepted() throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient alice =
                Clients.paho3(edge, "alice-311", options3("alice", "alice-secret"));
        assertThat(alice.isConnected()).isTrue();
        Clients.close(alice);
        // carol's hash is the salted SHA-512 of mosquitto 1.6
        org.eclipse.paho.client.mqttv3.MqttClient carol =
                Clients.paho3(edge, "carol-311", options3("carol", "carol-old-style"));
        assertThat(carol.isConnected()).isTrue();
        Clients.close(carol);
    }

    @Test
    void aUserWhoseHashIsTooSlowForAnEventLoopIsCheckedAsWell() throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient slow =
                Clients.paho3(edge, "slow-311", options3("slow", "slow-secret"));
        assertThat(slow.isConnected()).isTrue();
        slow.publish("auth/slow", "after CONNACK".getBytes(UTF_8), 1, false);
        Clients.close(slow);
        assertThat(hivemqRefusal("slow", "guess")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void mqtt311ClientsWithAWrongPasswordOrUnknownUserGetReturnCode4() {
        assertThatThrownBy(() -> Clients.paho3(edge, "wrong-311", options3("alice", "guess")))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertThatThrownBy(() -> Clients.paho3(edge, "unknown-311", options3("mallory", "alice-secret")))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
    }

    @Test
    void anonymousMqtt311ClientsGetReturnCode5NotAuthorized() {
        assertThatThrownBy(() -> Clients.paho311(edge, "anonymous-311", true))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void mqtt5ClientsAreAcceptedWithTheRightPasswordAndGet0x86Otherwise() throws Exception {
        org.eclipse.paho.mqttv5.client.MqttClient bob = Clients.paho5(edge, "bob-5");
        bob.connect(options5("bob", "b:b pass"));
        assertThat(bob.isConnected()).isTrue();
        bob.disconnect();
        bob.close();

        org.eclipse.paho.mqttv5.client.MqttClient wrong = Clients.paho5(edge, "wrong-5");
        assertThatThrownBy(() -> wrong.connect(options5("bob", "wrong")))
                .isInstanceOfSatisfying(
                        org.eclipse.paho.mqttv5.common.MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        wrong.close();
        assertThat(hivemqRefusal("mallory", "b:b pass")).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void anonymousMqtt5ClientsGet0x87NotAuthorized() {
        Mqtt5BlockingClient anonymous = Clients.hivemq5(edge, "anonymous-5");
        assertThatThrownBy(anonymous::connect)
                .isInstanceOfSatisfying(
                        Mqtt5ConnAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
    }

    @Test
    void mosquittoPubIsLetInWithTheRightPasswordAndRefusedWithAWrongOne() {
        assertThat(MosquittoClients.publish(edge.mqttPort(), "auth/mosquitto", "hi", "-u", "dave", "-P", "dave-secret")
                        .exitCode())
                .isZero();
        MosquittoClients.CommandResult refused = MosquittoClients.publish(
                edge.mqttPort(), "auth/mosquitto", "hi", "-u", "dave", "-P", "guess", "-V", "mqttv5");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).containsIgnoringCase("bad user name or password");
        MosquittoClients.CommandResult anonymous =
                MosquittoClients.publish(edge.mqttPort(), "auth/mosquitto", "hi", "-V", "mqttv311");
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.output()).containsIgnoringCase("not authori");
    }

    @Test
    void aValidTokenAsThePasswordLetsTheClientIn() {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "token-valid");
        client.connectWith()
                .simpleAuth()
                .username("whoever")
                .password(token(Instant.now().plusSeconds(300), claims -> claims.audience("wharf"))
                        .getBytes(UTF_8))
                .applySimpleAuth()
                .send();
        assertThat(client.getState().isConnected()).isTrue();
        client.disconnect();
    }

    @Test
    void expiredNotYetValidAndWrongAudienceTokensGet0x87AndATamperedOne0x86() {
        Instant now = Instant.now();
        String expired = token(now.minusSeconds(60), claims -> claims.audience("wharf"));
        String early = token(
                now.plusSeconds(300),
                claims -> claims.audience("wharf").notBeforeTime(Date.from(now.plusSeconds(120))));
        String elsewhere = token(now.plusSeconds(300), claims -> claims.audience("elsewhere"));
        String tampered = TestTokens.tampered(token(now.plusSeconds(300), claims -> claims.audience("wharf")));
        assertThat(hivemqRefusal("t", expired)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(hivemqRefusal("t", early)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(hivemqRefusal("t", elsewhere)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(hivemqRefusal("t", tampered)).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aClientWhoseTokenExpiresWhileConnectedIsDisconnectedWith0x87() {
        AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("token-expiring")
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .addDisconnectedListener(context -> {
                    if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                        reason.set(disconnect.getMqttMessage().getReasonCode());
                    }
                })
                .buildBlocking();
        client.connectWith()
                .simpleAuth()
                .password(token(Instant.now().plusSeconds(2), claims -> claims.audience("wharf"))
                        .getBytes(UTF_8))
                .applySimpleAuth()
                .send();
        assertThat(client.getState().isConnected()).isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> reason.get() != null);
        assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void aRefusalIsLoggedOnTheConnectionLogWithTheClientsAddressButNotThePassword() {
        ch.qos.logback.classic.Logger connections =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("wharf.connections");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        connections.addAppender(appender);
        try {
            hivemqRefusal("alice", "a-secret-guess");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(lines(appender))
                            .anySatisfy(line -> assertThat(line)
                                    .contains("Refused connection from /127.0.0.1")
                                    .contains("wrong password for user 'alice'")));
            assertThat(lines(appender)).noneMatch(line -> line.contains("a-secret-guess"));
        } finally {
            connections.detachAppender(appender);
        }
    }

    private static List<String> lines(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @Test
    void refusalsAreCountedByKind() throws Exception {
        hivemqRefusal("mallory", "nothing");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(metrics())
                        .containsPattern(
                                "wharf_auth_refusals_total\\{[^}]*reason=\"bad-user-name-or-password\"[^}]*\\} [1-9]"));
    }

    private Mqtt5ConnAckReasonCode hivemqRefusal(String user, String password) {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "refused-" + System.nanoTime());
        AtomicReference<Mqtt5ConnAckReasonCode> code = new AtomicReference<>();
        assertThatThrownBy(() -> client.connectWith()
                        .simpleAuth()
                        .username(user)
                        .password(password.getBytes(UTF_8))
                        .applySimpleAuth()
                        .send())
                .isInstanceOfSatisfying(
                        Mqtt5ConnAckException.class,
                        e -> code.set(e.getMqttMessage().getReasonCode()));
        return code.get();
    }

    private static String token(Instant expiry, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return TestTokens.token("token-user", expiry, claims);
    }

    private static MqttConnectOptions options3(String user, String password) {
        MqttConnectOptions options = Clients.options3(MqttConnectOptions.MQTT_VERSION_3_1_1, true);
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        return options;
    }

    private static MqttConnectionOptions options5(String user, String password) {
        MqttConnectionOptions options = Clients.options5();
        options.setUserName(user);
        options.setPassword(password.getBytes(UTF_8));
        return options;
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + edge.edge().httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
