package io.wharf.launcher.fault;

import io.wharf.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in TCP mode in front of the edges, sending clients only to edges whose
 * {@code /health/ready} answers 200 ({@code .ci/run} installs the {@code haproxy} package).
 */
final class HaproxyProcess implements AutoCloseable {

    private final Process process;

    private HaproxyProcess(Process process) {
        this.process = process;
    }

    /** One backend server: its name, MQTT port and HTTP (health) port on 127.0.0.1. */
    record Backend(String name, int mqttPort, int httpPort) {}

    static HaproxyProcess start(int frontendPort, List<Backend> backends) throws IOException {
        return start(frontendPort, backends, "");
    }

    /** @param serverOptions more options of every backend server, e.g. {@code send-proxy-v2} */
    static HaproxyProcess start(int frontendPort, List<Backend> backends, String serverOptions) throws IOException {
        StringBuilder config = new StringBuilder();
        config.append("global\n  maxconn 4096\n\n");
        config.append("defaults\n  mode tcp\n  timeout connect 2s\n  timeout client 120s\n  timeout server 120s\n\n");
        config.append("frontend mqtt\n  bind 127.0.0.1:").append(frontendPort).append("\n  default_backend edges\n\n");
        config.append("backend edges\n  balance roundrobin\n  option httpchk GET /health/ready\n");
        for (Backend backend : backends) {
            config.append("  server ")
                    .append(backend.name())
                    .append(" 127.0.0.1:")
                    .append(backend.mqttPort())
                    .append(" check port ")
                    .append(backend.httpPort())
                    .append(" inter 500 fall 2 rise 2 on-marked-down shutdown-sessions")
                    .append(serverOptions.isEmpty() ? "" : " " + serverOptions)
                    .append('\n');
        }
        Path file = TestDirectories.newDirectory("haproxy").resolve("haproxy.cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder("haproxy", "-f", file.toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(file.resolveSibling("haproxy.log").toFile())
                .start();
        return new HaproxyProcess(process);
    }

    static void requireInstalled() {
        if (!Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            throw new IllegalStateException(
                    "haproxy is not installed: run `apt-get install -y haproxy` (.ci/run does)");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
