package io.wharf.edge.kafka.typed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a tiny server answering as a Confluent-compatible registry does. */
class RegistryClientTest {

    private HttpServer registry;
    private String url;

    @BeforeEach
    void start() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/subjects/telemetry-value/versions/latest", exchange -> {
            byte[] body = ("{\"subject\":\"telemetry-value\",\"version\":3,\"id\":17,\"schema\":"
                            + "\"{\\\"type\\\":\\\"string\\\"}\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.createContext("/", exchange -> {
            byte[] body = "{\"error_code\":40401,\"message\":\"Subject not found\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        url = "http://127.0.0.1:" + registry.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    @Test
    void theLatestVersionOfASubjectComesWithItsId() throws IOException {
        SchemaSource.Found found = new RegistryClient(Duration.ofSeconds(5)).latest(url + "/", "telemetry-value");

        assertThat(found.id()).isEqualTo(17);
        assertThat(found.schema()).isEqualTo("{\"type\":\"string\"}");
        assertThat(AvroPayload.of(found.schema(), found.id()).schemaId()).isEqualTo(17);
    }

    @Test
    void anUnknownSubjectIsAnErrorSayingWhatTheRegistryAnswered() {
        assertThatThrownBy(() -> new RegistryClient(Duration.ofSeconds(5)).latest(url, "nope"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("Subject not found");
    }

    /** An edge asks only while it starts; nothing of the asking may outlive the edge. */
    @Test
    void askingLeavesNoThreadRunning() throws IOException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

        new RegistryClient(Duration.ofSeconds(5)).latest(url, "telemetry-value");

        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> !before.contains(thread))
                        .map(Thread::getName))
                .as("threads the registry client started")
                .isEmpty();
    }
}
