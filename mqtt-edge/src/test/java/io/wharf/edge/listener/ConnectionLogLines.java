package io.wharf.edge.listener;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines of the connection event log ({@code wharf.connections}) while a test runs. */
final class ConnectionLogLines implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("wharf.connections");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ConnectionLogLines() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    boolean anyContains(String... parts) {
        return lines().stream().anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
