package io.wharf.loadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Mosquitto 2 on a loopback port, in memory, with its offline and in-flight queue limit
 * raised so that it does not drop QoS 1 deliveries that the other brokers must keep.
 */
public final class MosquittoBroker extends ProcessBroker {

    public static final String EXECUTABLE = "/usr/sbin/mosquitto";

    private MosquittoBroker(ChildProcess process, int port) {
        super(process, port);
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of(EXECUTABLE));
    }

    public static MosquittoBroker start(Path workDirectory) {
        int port = FreePorts.next();
        Path config = workDirectory.resolve("mosquitto.conf");
        try {
            Files.createDirectories(workDirectory);
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "listener " + port + " 127.0.0.1",
                            "allow_anonymous true",
                            "persistence false",
                            "# The default of 1000 drops QoS 1 deliveries to a busy subscriber; the others keep them.",
                            "max_queued_messages 10000000",
                            "set_tcp_nodelay true",
                            "# Its ready line is logged at level information; connections are not logged at all.",
                            "log_dest stderr",
                            "log_type error",
                            "log_type warning",
                            "log_type information",
                            "connection_messages false",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + config, e);
        }
        ChildProcess process = ChildProcess.start(
                "mosquitto",
                List.of(EXECUTABLE, "-c", config.toString()),
                workDirectory.resolve("mosquitto.log"),
                " running",
                30);
        return new MosquittoBroker(process, port);
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public String guarantee() {
        return "memory only (its default, persistence false): a restart loses queued messages and sessions";
    }

    @Override
    public boolean isJvm() {
        return false;
    }
}
