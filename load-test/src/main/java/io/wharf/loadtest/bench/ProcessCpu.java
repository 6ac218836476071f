package io.wharf.loadtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time a process used so far, as the kernel counts it: user plus system time from {@code
 * /proc/<pid>/stat} (Linux), for the process and every live descendant (a broker that runs parts of
 * itself in child processes is measured whole).
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc} times; 100 on every common Linux. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {}

    /** Seconds of CPU the process and its live descendants used; NaN once the process is gone. */
    public static double seconds(ProcessHandle process) {
        long ticks = ticks(process.pid());
        if (ticks < 0) {
            return Double.NaN;
        }
        for (ProcessHandle child : (Iterable<ProcessHandle>) process.descendants()::iterator) {
            ticks += Math.max(0, ticks(child.pid()));
        }
        return (double) ticks / TICKS_PER_SECOND;
    }

    /** utime + stime of one process in ticks; -1 if it cannot be read (it has ended). */
    private static long ticks(long pid) {
        try {
            return utimePlusStime(
                    Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Fields 14 (utime) and 15 (stime) of a {@code /proc/<pid>/stat} line, counted after the
     * command name in brackets, which may itself hold spaces and brackets.
     */
    static long utimePlusStime(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            getconf.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
