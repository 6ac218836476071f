package io.wharf.loadtest.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * HiveMQ CE embedded, in a JVM of its own (it brings its own Netty and Logback), with anonymous
 * usage statistics off and its per-client queue and receive maximum raised for a fair run.
 */
final class HiveMqBroker extends ProcessBroker {

    private static final String MAIN_CLASS = "io.wharf.loadtest.hivemq.HiveMqRunner";
    private static final String READY = "HiveMQ CE is ready";

    private HiveMqBroker(ChildProcess process, int port) {
        super(process, port);
    }

    /** @param runnerDirectory {@code load-test/hivemq-runner/target}, holding the runner jar and lib/ */
    static HiveMqBroker start(Path runnerDirectory, Path workDirectory, List<String> jvmOptions) {
        int port = FreePorts.next();
        Path home = workDirectory.resolve("hivemq");
        try {
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/config.xml"), config(port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write HiveMQ's configuration under " + home, e);
        }
        String classPath = runnerDirectory.resolve("hivemq-runner.jar") + File.pathSeparator
                + runnerDirectory.resolve("lib") + "/*";
        List<String> command = java(jvmOptions);
        command.addAll(List.of("-cp", classPath, MAIN_CLASS, home.toString()));
        ChildProcess process = ChildProcess.start("hivemq", command, workDirectory.resolve("hivemq.log"), READY, 120);
        return new HiveMqBroker(process, port);
    }

    private static String config(int port) {
        return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <queued-messages>
              <max-queue-size>10000000</max-queue-size>
            </queued-messages>
            <receive-maximum>
              <server-receive-maximum>65535</server-receive-maximum>
            </receive-maximum>
          </mqtt>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port);
    }

    @Override
    public String name() {
        return "hivemq-ce";
    }

    @Override
    public String guarantee() {
        return "its local store (the default file persistence): queued messages and sessions survive a restart of this one node";
    }

    @Override
    public boolean isJvm() {
        return true;
    }
}
