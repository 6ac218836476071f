package io.wharf.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.launcher.WharfProcess;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The operator commands, run as a user runs them, against two real {@code wharf} processes. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(240)
class AdminCliIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "cli-admin-token-" + UUID.randomUUID();
    /** What the in-JVM commands see: the token as the operator's environment gives it. */
    private static final Map<String, String> OPERATOR = Map.of(AdminLogin.TOKEN_VARIABLE, TOKEN);

    private static java.nio.file.Path passwordFile;

    private WharfProcess edgeA;
    private WharfProcess edgeB;
    private int mqttB;
    private String adminA;

    @BeforeAll
    void start(TestKafka kafka) throws Exception {
        String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        passwordFile = TestDirectories.newDirectory("cli-users").resolve("passwd");
        java.nio.file.Files.write(
                passwordFile,
                List.of(
                        "root:" + hash("root-secret"),
                        "alice:" + hash("alice-secret"),
                        io.wharf.edge.auth.PasswordFile.GROUP_PREFIX + "admin: root"));
        int httpA = FreePorts.onLoopback();
        adminA = "http://127.0.0.1:" + httpA;
        mqttB = FreePorts.onLoopback();
        CompletableFuture<WharfProcess> a =
                CompletableFuture.supplyAsync(() -> startEdge(kafka, prefix, "edge-a", FreePorts.onLoopback(), httpA));
        CompletableFuture<WharfProcess> b =
                CompletableFuture.supplyAsync(() -> startEdge(kafka, prefix, "edge-b", mqttB, FreePorts.onLoopback()));
        edgeA = a.join();
        edgeB = b.join();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(edgeIds(wharf("cluster", "--json", "--admin", adminA)))
                        .containsExactly("edge-a", "edge-b"));
    }

    @AfterAll
    void stop() throws Exception {
        if (edgeA != null) {
            edgeA.close();
        }
        if (edgeB != null) {
            edgeB.close();
        }
    }

    @Test
    @Order(1)
    void clusterPrintsATableOfBothEdges() throws Exception {
        Run run = wharf("cluster", "--admin", adminA);

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("EDGE").contains("STATE", "CLIENTS", "KAFKA LAG", "MQTT", "HTTP", "UPTIME");
        assertThat(lines.get(1)).startsWith("edge-a").contains("serving");
        assertThat(lines.get(2)).startsWith("edge-b").contains("serving", "127.0.0.1:" + mqttB);
    }

    @Test
    @Order(2)
    void thePackagedCommandTakesTheAdminUrlFromTheEnvironmentWhenNotGiven() throws Exception {
        Run run =
                wharfProcess(Map.of("WHARF_ADMIN", adminA, AdminLogin.TOKEN_VARIABLE, TOKEN), "", "cluster", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(edgeIds(run)).containsExactly("edge-a", "edge-b");
    }

    @Test
    @Order(2)
    void withoutOrWithWrongCredentialsTheCommandFailsAndSaysHowToGiveThem() throws Exception {
        Run none = wharf(Map.of(), "cluster", "--admin", adminA);
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("credentials", "--token", AdminLogin.TOKEN_VARIABLE, "--user");

        Run wrong = wharf(Map.of(), "cluster", "--admin", adminA, "--token", TOKEN + "-wrong");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wharf(Map.of(), "cluster", "--admin", adminA, "--token", TOKEN)
                        .exit())
                .isZero();
        assertThat(wharf(Map.of(), "cluster", "--admin", adminA, "--token", "x", "--user", "root")
                        .exit())
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void anAdminUserGivesThePasswordOnStandardInput() throws Exception {
        Run root = wharfProcess(Map.of(), "root-secret\n", "cluster", "--json", "--admin", adminA, "--user", "root");
        assertThat(edgeIds(root)).containsExactly("edge-a", "edge-b");

        Run alice = wharfProcess(Map.of(), "alice-secret\n", "cluster", "--json", "--admin", adminA, "--user", "alice");
        assertThat(alice.exit()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aClientOnOneEdgeIsFoundAndKickedThroughTheOther() throws Exception {
        AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("cli-client")
                .serverHost("127.0.0.1")
                .serverPort(mqttB)
                .addDisconnectedListener(context -> {
                    if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                        reason.set(disconnect.getMqttMessage().getReasonCode());
                    }
                })
                .buildBlocking();
        client.connect();

        Run table = wharf("clients", "cli-", "--admin", adminA);
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().lines().toList().get(1)).startsWith("cli-client").contains("edge-b", "yes");
        Run json = wharf("clients", "cli-", "--json", "--admin", adminA);
        JsonNode found = JSON.readTree(json.out()).path("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("edge").asText()).isEqualTo("edge-b");

        Run kick = wharf("kick", "cli-client", "--admin", adminA);

        assertThat(kick.exit()).as(kick.err()).isZero();
        assertThat(kick.out()).contains("kicked cli-client from edge edge-b");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
        Run again = wharf("kick", "cli-client", "--admin", adminA);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("cli-client is not connected");
    }

    @Test
    @Order(4)
    void anEdgeThatCannotBeReachedIsToldWithItsUrlAndTheFix() throws Exception {
        String nowhere = "http://127.0.0.1:" + FreePorts.onLoopback();

        Run run = wharfProcess(Map.of(), "", "cluster", "--admin", nowhere);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(nowhere, "--admin", "WHARF_ADMIN");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @Order(5)
    void eachCommandExplainsItselfAndRefusesWrongUsage() throws Exception {
        for (String command : List.of("cluster", "clients", "kick", "drain")) {
            Run help = wharf(command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("Usage: wharf " + command, "--admin", "--json", "Exit codes");
        }
        assertThat(wharf("drain").exit()).isEqualTo(2);
        assertThat(wharf("cluster", "--admin", "not a url").exit()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void anEdgeIsDrainedThroughAnotherAndItsProcessStops() throws Exception {
        Run unknown = wharf("drain", "edge-z", "--admin", adminA);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("edge-z");

        Run drain = wharf("drain", "edge-b", "--admin", adminA);

        assertThat(drain.exit()).as(drain.err()).isZero();
        assertThat(drain.out()).contains("edge edge-b drains");
        assertThat(edgeB.process().waitFor(60, TimeUnit.SECONDS))
                .as("the drained process stopped")
                .isTrue();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(edgeIds(wharf("cluster", "--json", "--admin", adminA)))
                        .containsExactly("edge-a"));
    }

    private static WharfProcess startEdge(TestKafka kafka, String prefix, String nodeId, int mqttPort, int httpPort) {
        try {
            return WharfProcess.start(WharfProcess.command(
                    "--allow-anonymous",
                    "true", // MQTT clients without credentials: allowed explicitly beside an external Kafka
                    "--admin-token",
                    TOKEN,
                    "--password-file",
                    passwordFile.toString(),
                    "--kafka",
                    kafka.bootstrapServers(),
                    "--topic-prefix",
                    prefix,
                    "--node-id",
                    nodeId,
                    "--bind",
                    "127.0.0.1",
                    "--mqtt-port",
                    String.valueOf(mqttPort),
                    "--http-port",
                    String.valueOf(httpPort),
                    "--data-dir",
                    TestDirectories.newDirectory(nodeId).toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> edgeIds(Run run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> ids = new ArrayList<>();
        JSON.readTree(run.out())
                .path("items")
                .forEach(edge -> ids.add(edge.path("id").asText()));
        return ids;
    }

    private record Run(int exit, String out, String err) {}

    private static String hash(String password) {
        return io.wharf.edge.auth.PasswordHash.pbkdf2(
                        password.getBytes(StandardCharsets.UTF_8), 101, new java.security.SecureRandom())
                .encoded();
    }

    private static Run wharf(String... args) {
        return wharf(OPERATOR, args);
    }

    /**
     * Runs the operator commands in this JVM, as {@code wharf} wires them (a JVM per command costs
     * seconds on a loaded machine); {@link #wharfProcess} runs the packaged command itself.
     */
    private static Run wharf(Map<String, String> environment, String... args) {
        CommandLine wharf = new CommandLine(CommandSpec.create().name("wharf"));
        AdminCommands.addTo(wharf, environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        wharf.setOut(new PrintWriter(out, true));
        wharf.setErr(new PrintWriter(err, true));
        int exit = wharf.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs the packaged {@code wharf} with these arguments and environment (WHARF_ADMIN unset otherwise). */
    private static Run wharfProcess(Map<String, String> environment, String input, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(WharfProcess.command(args));
        builder.environment().remove(AdminOptions.ENVIRONMENT_VARIABLE);
        builder.environment().remove(AdminLogin.TOKEN_VARIABLE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (java.io.OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
