package io.wharf.loadtest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A broker process the benchmark starts: its output goes to a log file, and it counts as started
 * when a given line appears there. Stopped with SIGTERM, then killed if it does not end in time.
 */
public final class ChildProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 20;

    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code command} and waits until it prints a line containing {@code readyLine}.
     *
     * @throws IllegalStateException if it exits or stays silent past the timeout; the message
     *     names the log to read
     */
    public static ChildProcess start(
            String name, List<String> command, Path log, String readyLine, long timeoutSeconds) {
        try {
            Files.createDirectories(log.getParent());
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread pump = new Thread(() -> copy(process, log, readyLine, ready), name + "-output");
            pump.setDaemon(true);
            pump.start();
            ChildProcess child = new ChildProcess(name, process);
            try {
                ready.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.close();
                throw new IllegalStateException(name + " did not start within " + timeoutSeconds + " s; see " + log, e);
            }
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    private static void copy(Process process, Path log, String readyLine, CompletableFuture<Void> ready) {
        try (BufferedReader output =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = output.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                if (line.contains(readyLine)) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                System.err.println(name + " did not stop on SIGTERM within " + STOP_SECONDS + " s; killing it");
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
