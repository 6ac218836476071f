package io.wharf.loadtest.scaleout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what an edge says it holds from its Prometheus page ({@code /metrics}). */
final class EdgeMetricsReader {

    private static final Pattern CONNECTIONS =
            Pattern.compile("(?m)^wharf_connections(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)\\s*$");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The {@code wharf_connections} gauge of the edge at {@code httpPort}; -1 when it cannot be read. */
    long connections(int httpPort) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                    .timeout(TIMEOUT)
                    .build();
            return connectionsIn(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    static long connectionsIn(String prometheusText) {
        Matcher matcher = CONNECTIONS.matcher(prometheusText);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : -1;
    }
}
