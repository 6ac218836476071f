package io.wharf.loadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a process's resident memory (Linux) and, for a JVM, its heap in use after a full GC. */
public final class ProcessMemory {

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcessMemory() {}

    public static long rssBytes(ProcessHandle process) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            Matcher matcher = RSS.matcher(Files.readString(status));
            if (!matcher.find()) {
                throw new IllegalStateException("no VmRSS in " + status);
            }
            return Long.parseLong(matcher.group(1)) * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + status, e);
        }
    }

    /** Runs a full GC in the process ({@code jcmd GC.run}) and returns the heap still in use. */
    public static long heapAfterGcBytes(ProcessHandle process) {
        jcmd(process, "GC.run");
        Matcher matcher = HEAP_USED.matcher(jcmd(process, "GC.heap_info"));
        if (!matcher.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap use for " + process.pid());
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    private static String jcmd(ProcessHandle process, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
