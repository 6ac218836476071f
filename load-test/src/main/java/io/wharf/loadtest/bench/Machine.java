package io.wharf.loadtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A one-line description of the machine a benchmark ran on, so that its figures can be placed. */
public final class Machine {

    private Machine() {}

    public static String describe() {
        return String.format(
                "%s, nproc %s, %s RAM, Linux %s, Java %s (%s), %s, open-file limit %s",
                first("/proc/cpuinfo", "model name\\s*:\\s*(.+)"),
                nproc(),
                memory(),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                MosquittoBroker.installed() ? mosquittoVersion() : "Mosquitto not installed",
                openFileLimit());
    }

    /**
     * The 1-minute load average: above zero before a run, something else was using the cores that
     * the brokers and the load generator share, and the figures are lower and noisier than they
     * would be on a quiet machine.
     */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memory() {
        String kb = first("/proc/meminfo", "MemTotal:\\s*(\\d+) kB");
        return kb.equals("?") ? "?" : String.format("%.0f GiB", Long.parseLong(kb) / 1048576.0);
    }

    private static String first(String file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
            return matcher.find() ? matcher.group(1).trim() : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String mosquittoVersion() {
        return run(MosquittoBroker.EXECUTABLE, "-h")
                .lines()
                .findFirst()
                .orElse("mosquitto ?")
                .trim();
    }

    /** Cores this process may run on, as {@code nproc} counts them. */
    private static String nproc() {
        String out = run("nproc").trim();
        return out.matches("\\d+") ? out : Integer.toString(Runtime.getRuntime().availableProcessors());
    }

    private static String openFileLimit() {
        return run("sh", "-c", "ulimit -n").trim();
    }

    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
