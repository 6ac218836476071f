package io.wharf.launcher.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.auth.AuthSettings;
import io.wharf.edge.auth.ConfiguredAuthenticator;
import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.UserDirectory;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.launcher.passwd.PasswordSource;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.TestKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code wharf user} and {@code wharf acl} against a real Kafka, with an edge that has no files of
 * its own: what the commands write is what {@code mosquitto_pub} and {@code mosquitto_sub} meet.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class AuthCommandsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private String bootstrap;
    private WharfTopics topics;
    private MqttEdge edge;
    private String output;
    private String errors;

    @BeforeEach
    void startEdge(TestKafka kafka) {
        MosquittoClients.requireInstalled();
        bootstrap = kafka.bootstrapServers();
        topics = new WharfTopics("authcli-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(bootstrap, topics, TopicLayout.defaults());
        edge = MqttEdge.start(EdgeSettings.builder("authcli-edge", bootstrap, topics)
                .auth(AuthSettings.checkedBy(new ConfiguredAuthenticator(
                        new UserDirectory(PasswordFile.empty()), Optional.empty(), false, false)))
                .build());
    }

    @AfterEach
    void stopEdge() {
        edge.close();
    }

    @Test
    void aUserAddedByTheCommandConnectsAndARemovedOneNoLonger() {
        assertThat(user("s3cret", "add", "alice", "--group", "operators")).isZero();
        assertThat(output).contains("Added user 'alice' (groups: operators)");

        await().atMost(WAIT).until(() -> publish("alice", "s3cret").exitCode() == 0);
        assertThat(publish("alice", "wrong").exitCode()).isNotZero();
        assertThat(user(null, "list")).isZero();
        assertThat(output).isEqualTo("alice (groups: operators)\n");

        assertThat(user(null, "remove", "alice")).isZero();
        await().atMost(WAIT).until(() -> publish("alice", "s3cret").exitCode() != 0);
        assertThat(user(null, "remove", "alice")).isEqualTo(AuthTopicCommand.EXIT_FAILED);
        assertThat(errors).contains("there is no user 'alice'");
    }

    @Test
    void rulesAddedByTheCommandHoldSubscribersAndAreListedAsRemoveTakesThem() throws Exception {
        user("pw-a", "add", "alice");
        user("pw-b", "add", "bob");
        assertThat(acl("add", "user", "bob", "readwrite", "#")).isZero();
        assertThat(acl("add", "user", "alice", "read", "sensors/#")).isZero();
        assertThat(acl("list")).isZero();
        assertThat(output).isEqualTo("user bob readwrite '#'\nuser alice read 'sensors/#'\n");
        await().atMost(WAIT).until(() -> publish("bob", "pw-b").exitCode() == 0);

        try (MosquittoClients.Subscriber alice = MosquittoClients.subscribe(
                edge.mqttPort(), "sensors/#", "-u", "alice", "-P", "pw-a", "-V", "mqttv5", "-q", "1")) {
            assertThat(MosquittoClients.publish(
                                    edge.mqttPort(), "sensors/1", "one", "-u", "bob", "-P", "pw-b", "-q", "1")
                            .exitCode())
                    .isZero();
            await().atMost(WAIT).until(() -> alice.messages().contains("sensors/1 one"));

            assertThat(acl("remove", "user", "alice", "read", "sensors/#")).isZero();
            assertThat(acl("add", "user", "bob", "read", "witness/#")).isZero();
            try (MosquittoClients.Subscriber witness =
                    MosquittoClients.subscribe(edge.mqttPort(), "#", "-u", "bob", "-P", "pw-b", "-q", "1")) {
                await().atMost(WAIT).until(() -> {
                    MosquittoClients.publish(edge.mqttPort(), "sensors/2", "two", "-u", "bob", "-P", "pw-b", "-q", "1");
                    return witness.messages().contains("sensors/2 two");
                });
            }
            assertThat(alice.messages()).doesNotContain("sensors/2 two");
        }
        assertThat(acl("remove", "user", "alice", "read", "sensors/#")).isEqualTo(AuthTopicCommand.EXIT_FAILED);
    }

    @Test
    void aRuleThatIsNoRuleIsRefusedBeforeKafkaIsAsked() {
        assertThat(acl("add", "user", "alice", "reed", "x")).isEqualTo(AuthTopicCommand.EXIT_USAGE);
        assertThat(errors).contains("'reed' is no access word");
        assertThat(acl("add", "anyone", "alice", "read", "x")).isEqualTo(AuthTopicCommand.EXIT_USAGE);
        assertThat(acl("add", "role", "admin", "read", "x")).isEqualTo(AuthTopicCommand.EXIT_USAGE);
        assertThat(acl("add", "user", "alice", "read", "a/#/b")).isEqualTo(AuthTopicCommand.EXIT_USAGE);
        assertThat(user("pw", "add", "a:b")).isEqualTo(AuthTopicCommand.EXIT_USAGE);
    }

    private MosquittoClients.CommandResult publish(String user, String password) {
        return MosquittoClients.publish(edge.mqttPort(), "probe", "x", "-u", user, "-P", password, "-V", "mqttv5");
    }

    private int user(String password, String... args) {
        PasswordSource passwords =
                () -> Optional.ofNullable(password).map(text -> text.getBytes(StandardCharsets.UTF_8));
        return run(UserCommand.commandLine(Map.of(), passwords), args);
    }

    private int acl(String... args) {
        return run(AclCommand.commandLine(Map.of()), args);
    }

    private int run(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kafka", bootstrap, "--topic-prefix", topics.prefix()));
        int exit = command.execute(all.toArray(String[]::new));
        output = out.toString();
        errors = err.toString();
        return exit;
    }
}
