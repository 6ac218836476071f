package io.wharf.loadtest.bench;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command's work that starts child processes so that none outlives it: the run is closed
 * when it ends, and on Ctrl-C the run and this JVM's other children (a process still starting is
 * not the run's yet) are stopped, SIGTERM then a kill.
 */
public final class InterruptibleRun {

    private static final long STOP_SECONDS = 20;

    private InterruptibleRun() {}

    public static <T> T execute(AutoCloseable run, String hookName, Callable<T> work) throws Exception {
        Thread onInterrupt = new Thread(
                () -> {
                    closeQuietly(run);
                    stopRemainingChildren();
                },
                hookName);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return work.call();
        } finally {
            run.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already: the hook is running.
            }
        }
    }

    private static void closeQuietly(AutoCloseable run) {
        try {
            run.close();
        } catch (Exception e) {
            System.err.println("could not stop the run: " + e);
        }
    }

    private static void stopRemainingChildren() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        children.forEach(ProcessHandle::destroy);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }
}
