package io.wharf.edge.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.MosquittoClients;
import io.wharf.testing.MosquittoClients.CommandResult;
import io.wharf.testing.MosquittoClients.Subscriber;
import io.wharf.testing.TestCertificates;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One edge with every kind of listener, driven by real clients: mosquitto_pub/sub over TLS and
 * mutual TLS, Paho over ssl://, ws:// and wss://, a load balancer's PROXY header; and the
 * connections each listener must refuse, after which it still serves the next client.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenersIT {

    private static final int TCP = 0;
    private static final int TLS = 1;
    private static final int MTLS = 2;
    private static final int WS = 3;
    private static final int WSS = 4;
    private static final int PROXY = 5;
    private static final int ROTATING = 6;
    private static final int OPTIONAL_MTLS = 7;

    private Path dir;

    private TestCertificates certificates;
    private MqttEdge edge;
    private ConnectionLogLines log;

    @BeforeAll
    void startEdge(TestKafka kafka, @TempDir Path dir) throws IOException {
        this.dir = dir;
        MosquittoClients.requireInstalled();
        certificates = new TestCertificates(dir);
        certificates.ca("ca");
        certificates.ca("rogue-ca");
        certificates.server("server", "ca");
        certificates.client("device", "ca", "device-7", "device-7.example");
        certificates.client("rogue-device", "rogue-ca", "intruder", "intruder.example");
        Path rotating = Files.createDirectories(dir.resolve("rotating"));
        Files.copy(certificates.cert("server"), rotating.resolve("server.pem"));
        Files.copy(certificates.key("server"), rotating.resolve("server-key.pem"));
        TlsFiles serverOnly = TlsFiles.serverOnly(certificates.cert("server"), certificates.key("server"));
        TlsFiles mutual = new TlsFiles(
                certificates.cert("server"),
                certificates.key("server"),
                ClientAuth.REQUIRE,
                Optional.of(certificates.cert("ca")),
                UsernameFrom.CN);
        List<ListenerSettings> listeners = List.of(
                listener(ListenerKind.TLS, Optional.of(serverOnly)),
                listener(ListenerKind.TLS, Optional.of(mutual)),
                listener(ListenerKind.WS, Optional.empty()),
                listener(ListenerKind.WSS, Optional.of(serverOnly)),
                ListenerSettings.tcp("127.0.0.1", 0).withProxyProtocol(true),
                listener(
                        ListenerKind.TLS,
                        Optional.of(TlsFiles.serverOnly(
                                rotating.resolve("server.pem"), rotating.resolve("server-key.pem")))),
                listener(
                        ListenerKind.TLS,
                        Optional.of(new TlsFiles(
                                certificates.cert("server"),
                                certificates.key("server"),
                                ClientAuth.OPTIONAL,
                                Optional.of(certificates.cert("ca")),
                                UsernameFrom.SAN))));
        WharfTopics topics =
                new WharfTopics("it-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        log = new ConnectionLogLines();
        edge = MqttEdge.start(EdgeSettings.builder("listeners-it", kafka.bootstrapServers(), topics)
                .listeners(listeners)
                .build());
    }

    private static ListenerSettings listener(ListenerKind kind, Optional<TlsFiles> tls) {
        return new ListenerSettings(kind, "127.0.0.1", 0, false, tls, ListenerSettings.DEFAULT_PATH);
    }

    @AfterAll
    void stopEdge() {
        if (edge != null) {
            edge.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private int port(int listener) {
        return edge.listenerPorts().get(listener);
    }

    @Test
    void mosquittoClientsPublishAndSubscribeOverTls() {
        String ca = certificates.cert("ca").toString();
        try (Subscriber subscriber = MosquittoClients.subscribe(port(TLS), "tls/greeting", "--cafile", ca)) {
            CommandResult published =
                    MosquittoClients.publish(port(TLS), "tls/greeting", "hello over tls", "--cafile", ca, "-q", "1");
            assertThat(published.exitCode()).as(published.output()).isZero();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(subscriber.messages()).contains("tls/greeting hello over tls"));
        }
    }

    @Test
    void aClientCertificateSignedByTheCaConnectsToTheMutualTlsListenerAsItsCommonName() {
        CommandResult published = MosquittoClients.publish(
                port(MTLS),
                "mtls/reading",
                "21.5",
                "--cafile",
                certificates.cert("ca").toString(),
                "--cert",
                certificates.cert("device").toString(),
                "--key",
                certificates.key("device").toString(),
                "-i",
                "mtls-device");
        assertThat(published.exitCode()).as(published.output()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> log.anyContains("Connected mtls-device", "as user device-7"));
    }

    @Test
    void theMutualTlsListenerRefusesAClientWithoutACertificateAndOneFromAnotherCa() {
        String ca = certificates.cert("ca").toString();
        CommandResult withoutCertificate =
                MosquittoClients.publish(port(MTLS), "mtls/x", "no cert", "--cafile", ca, "-i", "no-cert");
        assertThat(withoutCertificate.exitCode()).isNotZero();
        CommandResult rogue = MosquittoClients.publish(
                port(MTLS),
                "mtls/x",
                "rogue",
                "--cafile",
                ca,
                "--cert",
                certificates.cert("rogue-device").toString(),
                "--key",
                certificates.key("rogue-device").toString(),
                "-i",
                "rogue");
        assertThat(rogue.exitCode()).isNotZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> log.anyContains("TLS handshake failed"));
        assertThat(log.lines())
                .noneMatch(line -> line.contains("Connected rogue") || line.contains("Connected no-cert"));
        aClientCertificateSignedByTheCaConnectsToTheMutualTlsListenerAsItsCommonName();
    }

    @Test
    void anOptionalClientCertificateNamesTheUserByItsSanAndAClientWithoutOneConnectsToo() {
        String ca = certificates.cert("ca").toString();
        CommandResult withCertificate = MosquittoClients.publish(
                port(OPTIONAL_MTLS),
                "optional/reading",
                "1",
                "--cafile",
                ca,
                "--cert",
                certificates.cert("device").toString(),
                "--key",
                certificates.key("device").toString(),
                "-i",
                "optional-with-cert");
        assertThat(withCertificate.exitCode()).as(withCertificate.output()).isZero();
        CommandResult without = MosquittoClients.publish(
                port(OPTIONAL_MTLS), "optional/reading", "2", "--cafile", ca, "-i", "optional-without-cert");
        assertThat(without.exitCode()).as(without.output()).isZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> log.anyContains("Connected optional-with-cert", "as user device-7.example"));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.anyContains("Connected optional-without-cert from"));
        assertThat(log.lines())
                .filteredOn(line -> line.contains("Connected optional-without-cert"))
                .noneMatch(line -> line.contains("as user"));
    }

    @Test
    void aPlainClientOnTheTlsPortIsRefusedAndTheNextTlsClientIsServed() {
        CommandResult plain = MosquittoClients.publish(port(TLS), "tls/plain", "plain", "-i", "plain-on-tls");
        assertThat(plain.exitCode()).isNotZero();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> log.anyContains("Refused connection from", "TLS handshake failed"));
        CommandResult good = MosquittoClients.publish(
                port(TLS),
                "tls/plain",
                "good",
                "--cafile",
                certificates.cert("ca").toString(),
                "-i",
                "after-plain");
        assertThat(good.exitCode()).as(good.output()).isZero();
    }

    @Test
    void pahoPublishesAndReceivesOverSslWsAndWss() throws Exception {
        SSLContext trustingCa = certificates.trusting("ca");
        roundTrip("ssl://127.0.0.1:" + port(TLS), trustingCa);
        roundTrip("ws://127.0.0.1:" + port(WS) + "/mqtt", null);
        roundTrip("wss://127.0.0.1:" + port(WSS) + "/mqtt", trustingCa);
    }

    /** Paho subscribes and publishes to itself: one packet per frame and back. */
    private static void roundTrip(String uri, SSLContext tls) throws Exception {
        String topic = "paho/" + UUID.randomUUID();
        MqttClient client = new MqttClient(uri, "paho-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        if (tls != null) {
            options.setSocketFactory(tls.getSocketFactory());
        }
        List<String> received = new CopyOnWriteArrayList<>();
        try {
            client.connect(options);
            client.subscribe(
                    topic, 1, (t, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            client.publish(topic, ("over " + uri).getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(received).containsExactly("over " + uri));
            client.disconnect();
        } finally {
            client.close(true);
        }
    }

    @Test
    void mqttJsPublishesAndReceivesOverWsAndWss() throws Exception {
        Path script = Path.of("src", "test", "js", "round-trip.js").toAbsolutePath();
        assumeTrue(onPath("node"), "node is not installed; CI installs it, MQTT.js needs it");
        assertThat(script.resolveSibling("node_modules").resolve("mqtt"))
                .as("MQTT.js is installed: run `npm ci --prefix mqtt-edge/src/test/js` (.ci/run does)")
                .isDirectory();
        mqttJsRoundTrip(script, "ws://127.0.0.1:" + port(WS) + "/mqtt", "4");
        mqttJsRoundTrip(script, "ws://127.0.0.1:" + port(WS) + "/mqtt", "5");
        mqttJsRoundTrip(script, "wss://127.0.0.1:" + port(WSS) + "/mqtt", "4");
    }

    private void mqttJsRoundTrip(Path script, String url, String protocolVersion) throws Exception {
        String topic = "mqttjs/" + UUID.randomUUID();
        ProcessBuilder builder = new ProcessBuilder(
                        "node", script.toString(), url, topic, "from mqtt.js", protocolVersion)
                .redirectErrorStream(true);
        // MQTT.js trusts the test CA for wss:// this way, as Node does for any client
        builder.environment().put("NODE_EXTRA_CA_CERTS", certificates.cert("ca").toString());
        Process node = builder.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("RECEIVED " + topic + " from mqtt.js");
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void webSocketUpgradesWithAWrongPathOrSubprotocolAreRefusedAndTheNextGoodClientIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        WebSocket.Listener ignore = new WebSocket.Listener() {};
        assertThatThrownBy(() -> http.newWebSocketBuilder()
                        .subprotocols("mqtt")
                        .buildAsync(URI.create("ws://127.0.0.1:" + port(WS) + "/other"), ignore)
                        .join())
                .isInstanceOf(CompletionException.class);
        assertThatThrownBy(() -> http.newWebSocketBuilder()
                        .subprotocols("chat")
                        .buildAsync(URI.create("ws://127.0.0.1:" + port(WS) + "/mqtt"), ignore)
                        .join())
                .isInstanceOf(CompletionException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.anyContains("Refused WebSocket upgrade", "/other"));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.anyContains("Refused WebSocket upgrade", "chat"));
        roundTrip("ws://127.0.0.1:" + port(WS) + "/mqtt", null);
    }

    @Test
    void packetsSplitAcrossWebSocketFramesAndSharedInOneFrameAreRead() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<byte[]> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = http.newWebSocketBuilder()
                .subprotocols("mqtt")
                .buildAsync(URI.create("ws://127.0.0.1:" + port(WS) + "/mqtt"), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onBinary(
                            WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        frames.add(bytes);
                        webSocket.request(1);
                        return null;
                    }
                })
                .join();
        byte[] connect = Wire.connect311("ws-frames", true, 0);
        // CONNECT cut in two frames, then PINGREQ twice in one frame
        socket.sendBinary(java.nio.ByteBuffer.wrap(connect, 0, 5), true).join();
        socket.sendBinary(java.nio.ByteBuffer.wrap(connect, 5, connect.length - 5), true)
                .join();
        socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xC0, 0, (byte) 0xC0, 0}), true)
                .join();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(concat(frames))
                        .startsWith(0x20, 0x02, 0x00, 0x00)
                        .endsWith(0xD0, 0x00, 0xD0, 0x00));
        socket.abort();
    }

    @Test
    void aWebSocketClientTheEdgeDisconnectsGetsAWebSocketCloseAfterItsDisconnect() throws Exception {
        CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
        List<byte[]> frames = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("mqtt")
                .buildAsync(URI.create("ws://127.0.0.1:" + port(WS) + "/mqtt"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        frames.add(bytes);
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeStatus.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closeStatus.completeExceptionally(error);
                    }
                })
                .join();
        socket.sendBinary(ByteBuffer.wrap(Wire.connect5("ws-closed", 0, Wire.of())), true)
                .join();
        await().atMost(Duration.ofSeconds(10)).until(() -> !frames.isEmpty());
        // A second CONNECT is a protocol error: DISCONNECT 0x82, then the end of the connection
        socket.sendBinary(ByteBuffer.wrap(Wire.connect5("ws-closed", 0, Wire.of())), true)
                .join();

        assertThat(closeStatus.get(10, TimeUnit.SECONDS))
                .as("the WebSocket close status (an error here: the TCP connection ended without a Close frame)")
                .isEqualTo(1000);
        assertThat(disconnectReasonAfterConnAck(concat(frames))).isEqualTo(0x82);
    }

    @Test
    void aTlsClientTheEdgeDisconnectsReadsItsDisconnectAndATlsCloseNotify() throws Exception {
        SSLContext trustingCa = certificates.trusting("ca");
        try (SSLSocket socket = (SSLSocket) trustingCa.getSocketFactory().createSocket("127.0.0.1", port(TLS))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(Wire.connect5("tls-closed", 0, Wire.of()));
            out.write(Wire.connect5("tls-closed", 0, Wire.of()));
            out.flush();

            byte[] received = socket.getInputStream().readAllBytes(); // an SSLException without close_notify
            int[] bytes = new int[received.length];
            for (int i = 0; i < received.length; i++) {
                bytes[i] = received[i] & 0xFF;
            }
            assertThat(disconnectReasonAfterConnAck(bytes)).isEqualTo(0x82);
        }
    }

    /** The reason code of the DISCONNECT that follows the CONNACK (both short: one length byte). */
    private static int disconnectReasonAfterConnAck(int[] bytes) {
        assertThat(bytes[0]).as("CONNACK").isEqualTo(0x20);
        int disconnect = 2 + bytes[1];
        assertThat(bytes[disconnect]).as("DISCONNECT").isEqualTo(0xE0);
        return bytes[disconnect + 2];
    }

    private static int[] concat(List<byte[]> frames) {
        return frames.stream()
                .flatMapToInt(frame -> {
                    int[] values = new int[frame.length];
                    for (int i = 0; i < frame.length; i++) {
                        values[i] = frame[i] & 0xFF;
                    }
                    return java.util.Arrays.stream(values);
                })
                .toArray();
    }

    @Test
    void theProxyHeadersSourceAddressStandsForTheClientInTheConnectionLog() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port(PROXY))) {
            OutputStream out = socket.getOutputStream();
            out.write("PROXY TCP4 192.0.2.77 127.0.0.1 51234 1883\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(Wire.connect311("behind-balancer", true, 0));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("CONNACK").isEqualTo(0x20);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> log.anyContains("Connected behind-balancer from /192.0.2.77:51234"));
    }

    @Test
    void aConnectionWithoutProxyHeaderIsRefusedAndTheNextOneWithAHeaderIsServed() throws Exception {
        try (RawMqttClient client = RawMqttClient.open(port(PROXY))) {
            client.send(Wire.connect311("no-header", true, 0));
            assertThat(client.readUntilClosed()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> log.anyContains("Refused connection from", "expects a PROXY protocol header"));
        theProxyHeadersSourceAddressStandsForTheClientInTheConnectionLog();
    }

    @Test
    void aCertificateReplacedOnDiskIsServedToNewConnectionsWhileAnOldConnectionKeepsWorking() throws Exception {
        Path rotating = dir.resolve("rotating");
        SSLContext trustingCa = certificates.trusting("ca");
        MqttClient old =
                new MqttClient("ssl://127.0.0.1:" + port(ROTATING), "before-rotation", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(trustingCa.getSocketFactory());
        old.connect(options);
        try {
            X509Certificate before = servedCertificate(port(ROTATING));
            certificates.serverWithPkcs8Key("server-2", "ca");
            Files.copy(
                    certificates.key("server-2"),
                    rotating.resolve("server-key.pem"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    certificates.cert("server-2"), rotating.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
            // a later modification time, whatever the file system's clock granularity
            FileTime later = FileTime.from(Instant.now().plusSeconds(5));
            Files.setLastModifiedTime(rotating.resolve("server.pem"), later);
            Files.setLastModifiedTime(rotating.resolve("server-key.pem"), later);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(servedCertificate(port(ROTATING)).getSerialNumber())
                                    .isNotEqualTo(before.getSerialNumber()));
            assertThat(servedCertificate(port(ROTATING))).isEqualTo(certificateIn(rotating.resolve("server.pem")));
            old.publish("rotation/still-up", "yes".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(old.isConnected()).isTrue();
        } finally {
            old.disconnectForcibly(1000, 1000);
            old.close(true);
        }
    }

    private static X509Certificate certificateIn(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The leaf certificate a listener serves a new connection, trusted or not. */
    private static X509Certificate servedCertificate(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptAny()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Only to look at what a listener serves, never to trust it. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
