package io.wharf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Apicurio Registry, in memory, in a process of its own on 127.0.0.1: the distribution Maven
 * unpacked from Maven Central (the directory the {@value #DISTRIBUTION_PROPERTY} system property
 * names), run by a Java of at least 21, which it needs. It speaks the Confluent REST API under
 * {@link #confluentUrl()} and its own under {@link #registryUrl()}.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** The system property naming the unpacked distribution (the folder holding quarkus-run.jar). */
    public static final String DISTRIBUTION_PROPERTY = "wharf.test.apicurio.dir";
    /** An environment variable naming the Java home to run it with, where /usr/lib/jvm has none. */
    public static final String JAVA_HOME_VARIABLE = "WHARF_TEST_REGISTRY_JAVA_HOME";

    private static final int JAVA_NEEDED = 21;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;

    private ApicurioRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the registry and returns once it is ready. */
    public static ApicurioRegistry start() {
        Path distribution = Path.of(Optional.ofNullable(System.getProperty(DISTRIBUTION_PROPERTY))
                .orElseThrow(() -> new IllegalStateException("-D" + DISTRIBUTION_PROPERTY
                        + " must name the unpacked Apicurio Registry distribution (mqtt-edge's build unpacks it)")));
        if (!Files.isRegularFile(distribution.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(distribution + " holds no quarkus-run.jar: run the build's"
                    + " pre-integration-test phase, which unpacks Apicurio Registry there");
        }
        int port = FreePorts.onLoopback();
        int managementPort = FreePorts.onLoopback();
        Path log = TestDirectories.newDirectory("apicurio").resolve("registry.log");
        List<String> command = List.of(
                javaHome().resolve("bin").resolve("java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // its management interface would otherwise listen on every interface, port 9000
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-jar",
                "quarkus-run.jar");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(distribution.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Apicurio Registry", e);
        }
        ApicurioRegistry registry = new ApicurioRegistry(process, port);
        try {
            registry.awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), log);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** The base URL of its Confluent-compatible API, as a mapping rule's {@code registry} names it. */
    public String confluentUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** The base URL of its own API, which Apicurio's serdes use. */
    public String registryUrl() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /**
     * Registers a schema under {@code subject} through the Confluent API, as a team's CI would.
     *
     * @param schemaType AVRO, JSON or PROTOBUF
     * @return the id the registry gave it
     */
    public int register(String subject, String schemaType, String schema) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(confluentUrl() + "/subjects/" + subject + "/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            JSON.writeValueAsBytes(Map.of("schemaType", schemaType, "schema", schema))))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode id = response.statusCode() == 200
                    ? JSON.readTree(response.body()).get("id")
                    : null;
            if (id == null || !id.canConvertToInt()) {
                throw new IllegalStateException(
                        "the registry refused " + subject + ": " + response.statusCode() + " " + response.body());
            }
            return id.asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(URI ready, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest request =
                HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Apicurio Registry exited with " + process.exitValue() + " while starting; see " + log);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200); // polling a child process's readiness: nothing to await on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Apicurio Registry was not ready within " + START_TIMEOUT + "; see " + log);
    }

    /** A Java of at least 21: the variable's, this JVM if it is one, or the newest in /usr/lib/jvm. */
    private static Path javaHome() {
        String named = System.getenv(JAVA_HOME_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        Path own = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= JAVA_NEEDED) {
            return own;
        }
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            return homes.filter(home -> featureVersion(home) >= JAVA_NEEDED)
                    .max(Comparator.comparingInt(ApicurioRegistry::featureVersion))
                    .orElseThrow(() -> new IllegalStateException("Apicurio Registry needs Java " + JAVA_NEEDED
                            + " or later, and /usr/lib/jvm has none: install one, or set " + JAVA_HOME_VARIABLE));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Apicurio Registry needs Java " + JAVA_NEEDED + " or later: set " + JAVA_HOME_VARIABLE, e);
        }
    }

    /** The feature version a Java home's release file names, or 0. */
    private static int featureVersion(Path home) {
        try {
            Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)")
                    .matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return version.find() && Files.isExecutable(home.resolve("bin").resolve("java"))
                    ? Integer.parseInt(version.group(1))
                    : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
