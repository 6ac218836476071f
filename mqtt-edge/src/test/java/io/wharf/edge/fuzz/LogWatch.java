package io.wharf.edge.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * What one logger says at a level the fuzz targets treat as a failure (Netty's leak reports, the
 * edge's "unexpected error" warnings), kept so that a target can fail on it rather than let it pass
 * as a log line.
 */
final class LogWatch {

    private final String what;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogWatch(String what) {
        this.what = what;
    }

    /** Watches {@code source}'s logger for lines at {@code level} or above. */
    static LogWatch of(Class<?> source, Level level, String what) {
        LogWatch watch = new LogWatch(what);
        Logger logger = (Logger) LoggerFactory.getLogger(source);
        AppenderBase<ILoggingEvent> recorder = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(level)) {
                    String cause = event.getThrowableProxy() == null
                            ? ""
                            : " (" + event.getThrowableProxy().getClassName() + ": "
                                    + event.getThrowableProxy().getMessage() + ")";
                    watch.lines.add(event.getFormattedMessage() + cause);
                }
            }
        };
        recorder.setContext(logger.getLoggerContext());
        recorder.start();
        logger.addAppender(recorder);
        return watch;
    }

    /** Makes a logger say only what matters to a fuzz run: each input is a connection, each logged at INFO. */
    static void quiet(String loggerName) {
        ((Logger) LoggerFactory.getLogger(loggerName)).setLevel(Level.WARN);
    }

    /** Forgets what was said so far: what another test in the same JVM made the logger say is not a finding. */
    void clear() {
        lines.clear();
    }

    void assertNone() {
        if (!lines.isEmpty()) {
            String first = lines.get(0);
            lines.clear();
            throw new AssertionError(what + ": " + first);
        }
    }
}
