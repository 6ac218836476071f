package io.wharf.loadtest.scaleout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A load-generator process ({@link LoadGeneratorMain}) as the scale-out command sees it: its
 * commands go to its standard input, its {@link GeneratorLine}s update what is known of it, the
 * rest of its output goes to a log file.
 */
final class GeneratorProcess implements AutoCloseable {

    private static final long STOP_SECONDS = 40;

    private final int index;
    private final Process process;
    private final Writer commands;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile GeneratorLine subscription;
    private volatile GeneratorLine lastReceived = new GeneratorLine(GeneratorLine.RECEIVED, new long[] {0, 0, 0});

    private GeneratorProcess(int index, Process process) {
        this.index = index;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static GeneratorProcess start(
            int index, ScaleOutPlan plan, List<Integer> edgePorts, int maxPending, List<String> jvmOptions, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadGeneratorMain.class.getName()));
        command.add(Integer.toString(plan.connections()));
        command.add(Integer.toString(plan.edges()));
        command.add(Integer.toString(plan.generators()));
        command.add(Integer.toString(index));
        command.add(String.join(",", edgePorts.stream().map(String::valueOf).toList()));
        command.add(Integer.toString(maxPending));
        try {
            Files.createDirectories(log.getParent());
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            GeneratorProcess generator = new GeneratorProcess(index, process);
            Thread pump = new Thread(() -> generator.readOutput(log), "generator-" + index + "-output");
            pump.setDaemon(true);
            pump.start();
            return generator;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start load generator " + index, e);
        }
    }

    private void readOutput(Path log) {
        try (BufferedReader output =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = output.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                GeneratorLine fact = GeneratorLine.parse(line);
                if (fact == null) {
                    continue;
                }
                switch (fact.kind()) {
                    case GeneratorLine.READY -> ready.countDown();
                    case GeneratorLine.SUBSCRIBED -> {
                        subscription = fact;
                        subscribed.countDown();
                    }
                    case GeneratorLine.RECEIVED -> lastReceived = fact;
                    default -> {}
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("scale-out: lost the output of load generator " + index + ": " + e);
        }
    }

    boolean awaitReady(long timeoutSeconds) throws InterruptedException {
        return ready.await(timeoutSeconds, TimeUnit.SECONDS) && process.isAlive();
    }

    void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            System.err.println("scale-out: load generator " + index + " did not take '" + command + "': " + e);
        }
    }

    /** Its {@code subscribed} line, or null if it did not come within the time. */
    GeneratorLine awaitSubscribed(long timeoutSeconds) throws InterruptedException {
        return subscribed.await(timeoutSeconds, TimeUnit.SECONDS) ? subscription : null;
    }

    long received() {
        return lastReceived.value(0);
    }

    long duplicates() {
        return lastReceived.value(1);
    }

    long lastReceivedMs() {
        return lastReceived.value(2);
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Tells it to stop, waits for its final count and its exit, and kills it if it does not end. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        send("stop");
        try {
            commands.close();
        } catch (IOException e) {
            // It reads the end of its input as stop as well.
        }
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("scale-out: load generator " + index + " did not stop; killing it");
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
