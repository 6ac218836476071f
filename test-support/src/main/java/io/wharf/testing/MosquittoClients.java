package io.wharf.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code mosquitto_pub} and {@code mosquitto_sub} against a broker, as a user would
 * from a shell. {@code .ci/run} installs them (package {@code mosquitto-clients}).
 */
public final class MosquittoClients {

    private MosquittoClients() {}

    /** Fails the test with the fix if the clients are not installed. */
    public static void requireInstalled() {
        for (String tool : List.of("mosquitto_pub", "mosquitto_sub")) {
            if (!onPath(tool)) {
                throw new IllegalStateException(
                        tool + " is not installed: run `apt-get install -y mosquitto-clients` (.ci/run does)");
            }
        }
    }

    /**
     * Publishes one message with {@code mosquitto_pub} and waits for it to finish.
     *
     * @param extraArgs further flags, for example {@code -q 1} or {@code -V mqttv5}
     * @return what the command printed (standard output and error)
     */
    public static CommandResult publish(int port, String topic, String message, String... extraArgs) {
        List<String> command = new ArrayList<>(
                List.of("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port), "-t", topic, "-m", message));
        command.addAll(List.of(extraArgs));
        return CommandResult.run(command, 30);
    }

    /**
     * Starts {@code mosquitto_sub} and returns once the broker has acknowledged the subscription.
     * Each received message is one line {@code topic payload}.
     */
    public static Subscriber subscribe(int port, String topicFilter, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                // mosquitto_sub buffers its output when it is not a terminal; stdbuf makes it line by line.
                "stdbuf",
                "-oL",
                "mosquitto_sub",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-t",
                topicFilter,
                "-d",
                "-F",
                Subscriber.MESSAGE_MARK + "%t %p"));
        command.addAll(List.of(extraArgs));
        return Subscriber.start(command);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A finished command: its exit code and everything it printed. */
    public record CommandResult(int exitCode, String output) {

        static CommandResult run(List<String> command, int timeoutSeconds) {
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
                }
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new CommandResult(process.exitValue(), output);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A running {@code mosquitto_sub}; close it to stop it. */
    public static final class Subscriber implements AutoCloseable {

        static final String MESSAGE_MARK = "MSG> ";

        private final Process process;
        private final List<String> messages = new ArrayList<>();
        private final StringBuilder transcript = new StringBuilder();
        private boolean subscribed;

        private Subscriber(Process process) {
            this.process = process;
        }

        static Subscriber start(List<String> command) {
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                Subscriber subscriber = new Subscriber(process);
                Thread reader = new Thread(subscriber::readOutput, "mosquitto_sub-output");
                reader.setDaemon(true);
                reader.start();
                subscriber.awaitSubscribed(command);
                return subscriber;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + command, e);
            }
        }

        /** The messages received so far, each as {@code topic payload}. */
        public synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        /** Everything the client printed, for failure messages. */
        public synchronized String transcript() {
            return transcript.toString();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void readOutput() {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    record(line);
                }
            } catch (IOException e) {
                // The process ended; what it printed so far is kept.
            }
        }

        private synchronized void record(String line) {
            transcript.append(line).append('\n');
            if (line.startsWith(MESSAGE_MARK)) {
                messages.add(line.substring(MESSAGE_MARK.length()));
            } else if (line.contains("received SUBACK")) {
                subscribed = true;
            }
            notifyAll();
        }

        private synchronized void awaitSubscribed(List<String> command) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            try {
                while (!subscribed && process.isAlive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!subscribed) {
                close();
                throw new IllegalStateException(command + " did not get a SUBACK:\n" + transcript);
            }
        }
    }
}
