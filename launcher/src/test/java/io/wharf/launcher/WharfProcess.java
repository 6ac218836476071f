package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.testing.TestDirectories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code wharf} command as a user runs it: the packaged jar in a process of its own, whose
 * console output is collected. Started, it has printed that it is ready.
 */
public final class WharfProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Path console = TestDirectories.newDirectory("wharf-console").resolve("console.log");

    private WharfProcess(Process process) {
        this.process = process;
    }

    /** The java command line that runs the packaged {@code wharf} with these arguments. */
    public static List<String> command(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx512m", "-jar", System.getProperty("wharf.jar", "target/wharf.jar")));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts it and waits until it says it is running. */
    public static WharfProcess start(List<String> command) throws IOException {
        WharfProcess wharf = new WharfProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start());
        Thread reader = new Thread(wharf::collectOutput, "wharf-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(START_TIMEOUT)
                .until(() -> wharf.output().contains("Press Ctrl-C to stop.") || !wharf.process.isAlive());
        assertThat(wharf.process.isAlive()).as(wharf.output()).isTrue();
        return wharf;
    }

    public synchronized String output() {
        return output.toString();
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, as Ctrl-C or an orchestrator would; returns whether it exited within the timeout. */
    public boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL: the process vanishes without any chance to clean up, like a crashed machine. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (this) {
                    output.append(line).append('\n');
                }
                // Kept on disk too, for reading after a failed run.
                Files.writeString(console, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop(Duration.ofSeconds(15))) {
            kill();
        }
    }
}
