package io.wharf.loadtest.scaleout;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what an edge says it holds from its Prometheus page ({@code /metrics}). */
final class EdgeMetricsReader {

    private static final Pattern CONNECTIONS =
            Pattern.compile("(?m)^wharf_connections(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)\\s*$");
    private final MetricsPage page = new MetricsPage();

    /** The {@code wharf_connections} gauge of the edge at {@code httpPort}; -1 when it cannot be read. */
    long connections(int httpPort) {
        try {
            return connectionsIn(page.fetch(httpPort));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static long connectionsIn(String prometheusText) {
        Matcher matcher = CONNECTIONS.matcher(prometheusText);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
