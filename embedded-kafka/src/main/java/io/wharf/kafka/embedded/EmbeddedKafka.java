package io.wharf.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one node) running in this
 * JVM, listening on 127.0.0.1 only. Its storage is formatted on first start and reused after, so
 * records survive a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path storageDir;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path storageDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.storageDir = storageDir;
    }

    /**
     * Starts the broker and returns once it accepts clients.
     *
     * @throws EmbeddedKafkaException when the port is taken, the storage belongs to another cluster
     *     node, or the broker fails to start
     */
    public static EmbeddedKafka start(EmbeddedKafkaSettings settings) {
        Path storageDir = settings.storageDir().toAbsolutePath();
        int port = settings.port() == 0 ? freePort() : requireFreePort(settings.port());
        int controllerPort = freePort();
        Properties config = BrokerConfig.singleNode(storageDir, HOST, port, controllerPort, settings.extraListeners());
        config.putAll(settings.overrides());
        try {
            Files.createDirectories(storageDir);
            StorageFormatter.formatIfNew(storageDir, settings.scramUsers());
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            String bootstrap = HOST + ":" + port;
            log.info("Embedded Kafka broker listening on {} (storage {})", bootstrap, storageDir);
            return new EmbeddedKafka(server, bootstrap, storageDir);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot prepare Kafka storage in " + storageDir, e);
        } catch (Exception e) {
            throw new EmbeddedKafkaException(
                    "The embedded Kafka broker failed to start (storage " + storageDir + "): " + e, e);
        }
    }

    /** The address Kafka clients connect to, {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path storageDir() {
        return storageDir;
    }

    /** Stops the broker and waits until its storage is closed cleanly. Calling it again is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Embedded Kafka broker stopped");
    }

    private static int requireFreePort(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException(
                    "Port "
                            + port
                            + " on "
                            + HOST
                            + " is in use, so the embedded Kafka broker cannot listen there. Stop what uses it,"
                            + " or choose another port with --embedded-kafka-port.",
                    e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + HOST, e);
        }
    }
}
