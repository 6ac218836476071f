package io.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in a process of its own, so that a test can do to it what
 * happens to brokers in production: kill it without warning ({@link #kill()}), start it again on
 * the same port with its data ({@link #start()}), or freeze it so that requests hang instead of
 * failing ({@link #freeze()}, {@link #thaw()}).
 */
public final class KafkaProcess implements TestKafka, AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path storageDir;
    private final Path logFile;
    private final Path readyFile;
    private final int port;
    private Process process;

    private KafkaProcess(Path storageDir, int port) {
        this.storageDir = storageDir;
        this.logFile = storageDir.resolveSibling(storageDir.getFileName() + ".log");
        this.readyFile = storageDir.resolveSibling(storageDir.getFileName() + ".ready");
        this.port = port;
    }

    /** Starts a broker with fresh storage on a free port and returns once it serves. */
    public static KafkaProcess start(String name) {
        KafkaProcess kafka = new KafkaProcess(TestDirectories.newDirectory(name), FreePorts.onLoopback());
        kafka.start();
        return kafka;
    }

    /**
     * Starts the broker (again), on the same port and storage; returns once the broker says it serves,
     * as an open port may be another process's.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka is already running on port " + port);
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                KafkaProcessMain.class.getName(),
                storageDir.toString(),
                Integer.toString(port),
                readyFile.toString());
        try {
            Files.deleteIfExists(readyFile);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Kafka process", e);
        }
        awaitReady();
    }

    /** Kills the broker at once, as {@code kill -9} does: nothing is flushed or closed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the broker's process without killing it ({@code SIGSTOP}): connections stay open and every request hangs. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen broker go on ({@code SIGCONT}). */
    public void thaw() {
        signal("CONT");
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Where the broker's output goes, for a test that failed. */
    public Path logFile() {
        return logFile;
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            thaw();
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + " while starting on port "
                        + port + "; see " + logFile);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not start on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + logFile);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
