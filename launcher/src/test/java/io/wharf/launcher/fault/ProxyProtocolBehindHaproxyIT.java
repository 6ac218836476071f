package io.wharf.launcher.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Debian's HAProxy with {@code send-proxy-v2} in front of two edges whose listener expects the
 * PROXY protocol: each edge's connection log and its {@code GET /admin/clients} name the client's
 * own address (127.0.0.2), not HAProxy's (127.0.0.1).
 */
@ExtendWith(KafkaExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyProtocolBehindHaproxyIT {

    private static final String CLIENT_HOST = "127.0.0.2";

    @Test
    void eachEdgeLogsTheClientsOwnAddressFromHaproxysProxyV2Header(TestKafka kafka) throws Exception {
        HaproxyProcess.requireInstalled();
        WharfTopics topics =
                new WharfTopics("proxied-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        Logger connections = (Logger) LoggerFactory.getLogger("wharf.connections");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        connections.addAppender(lines);
        List<MqttEdge> edges = new ArrayList<>();
        List<MqttClient> clients = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                edges.add(MqttEdge.start(EdgeSettings.builder("proxied-edge-" + i, kafka.bootstrapServers(), topics)
                        .ports(-1, 0)
                        .listeners(List.of(ListenerSettings.tcp("127.0.0.1", 0).withProxyProtocol(true)))
                        .build()));
            }
            List<HaproxyProcess.Backend> backends = new ArrayList<>();
            for (int i = 0; i < edges.size(); i++) {
                backends.add(new HaproxyProcess.Backend(
                        "edge-" + (i + 1),
                        edges.get(i).listenerPorts().get(0),
                        edges.get(i).httpPort()));
            }
            int frontend = FreePorts.onLoopback();
            try (HaproxyProcess haproxy = HaproxyProcess.start(frontend, backends, "send-proxy-v2")) {
                // Round robin over the edges HAProxy's health check found ready: clients stay
                // connected until each edge has one.
                for (int i = 1; i <= 10 && !edges.stream().allMatch(edge -> edge.connectedClients() > 0); i++) {
                    String clientId = "proxied-client-" + i;
                    clients.add(await().atMost(Duration.ofSeconds(20))
                            .ignoreExceptions()
                            .until(() -> connectAndPublish(frontend, clientId), client -> client != null));
                }
                assertThat(edges).allMatch(edge -> edge.connectedClients() > 0, "has a client");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> connectedLines(lines).size() >= clients.size());
                assertThat(connectedLines(lines))
                        .allMatch(line -> line.contains("from /" + CLIENT_HOST + ":"), "names the client's address");
                for (MqttEdge edge : edges) {
                    List<String> listed = adminClients(edge.httpPort());
                    assertThat(listed)
                            .as("GET /admin/clients of " + edge.nodeId())
                            .isNotEmpty()
                            .allMatch(line ->
                                    line.matches("proxied-client-\\d+ /" + CLIENT_HOST.replace(".", "\\.") + ":\\d+"));
                }
            }
        } finally {
            for (MqttClient client : clients) {
                client.disconnectForcibly(1000, 1000);
                client.close(true);
            }
            edges.forEach(MqttEdge::close);
            connections.detachAppender(lines);
        }
    }

    private static List<String> adminClients(int httpPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/admin/clients"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().toList();
    }

    private static List<String> connectedLines(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return lines.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.startsWith("Connected proxied-client-"))
                    .toList();
        }
    }

    /** A Paho client whose connection comes from 127.0.0.2, so that it differs from HAProxy's. */
    private static MqttClient connectAndPublish(int port, String clientId) throws Exception {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setSocketFactory(new FromClientHost());
        options.setConnectionTimeout(5);
        try {
            client.connect(options);
            client.publish("proxied/hello", clientId.getBytes(StandardCharsets.UTF_8), 1, false);
            return client;
        } catch (Exception e) {
            client.close(true);
            throw e;
        }
    }

    /** Sockets bound to {@link #CLIENT_HOST} before they connect. */
    private static final class FromClientHost extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(CLIENT_HOST, 0));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port, InetAddress.getByName(CLIENT_HOST), 0);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return new Socket(host, port, InetAddress.getByName(CLIENT_HOST), 0);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return new Socket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return new Socket(address, port, localAddress, localPort);
        }
    }
}
