package io.wharf.edge.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks another edge's admin API over its HTTP port, never waiting: the JDK's HTTP client answers on
 * threads of its own, and every request has a timeout.
 */
public final class PeerAdmin implements AutoCloseable {

    /** A peer's answer: its status and its JSON body. */
    public record Answer(int status, String body) {}

    private final Duration timeout;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "wharf-admin-peers");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Built on the first request, not before: Java 17's client has no close, and its selector thread
     * lives until the client is garbage collected, so an edge nobody asks to reach its peers never
     * starts one, and a closed edge drops its reference.
     */
    private HttpClient client;

    private boolean closed;

    public PeerAdmin(Duration timeout) {
        this.timeout = timeout;
    }

    private synchronized HttpClient client() {
        if (closed) {
            return null;
        }
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .executor(executor)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return client;
    }

    /**
     * Sends {@code method} to {@code path} of the edge at {@code httpAddress}, with the operator's
     * {@code authorization} (or none when null), so that each edge checks the operator's own
     * credentials. Completes with its answer, whatever the status, or fails with a {@link
     * PeerException} naming the edge.
     */
    public CompletableFuture<Answer> send(
            String edgeId, String httpAddress, String method, String path, String authorization) {
        if (httpAddress == null) {
            return CompletableFuture.failedFuture(new PeerException(new PeerFailure(
                    edgeId,
                    502,
                    "its heartbeats carry no HTTP address (HTTP off, or a version before the admin API)")));
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + httpAddress + path))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(
                    new PeerException(new PeerFailure(edgeId, 502, "bad HTTP address " + httpAddress)));
        }
        HttpClient http = client();
        if (http == null) {
            return CompletableFuture.failedFuture(
                    new PeerException(new PeerFailure(edgeId, 503, "this edge is shutting down")));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error == null) {
                        return new Answer(response.statusCode(), response.body());
                    }
                    throw new CompletionException(new PeerException(failure(edgeId, httpAddress, error)));
                });
    }

    private PeerFailure failure(String edgeId, String httpAddress, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new PeerFailure(
                    edgeId, 504, "no answer from " + httpAddress + " within " + timeout.toMillis() + " ms");
        }
        String why =
                cause instanceof IOException && cause.getMessage() == null ? "connection failed" : cause.toString();
        return new PeerFailure(edgeId, 502, "could not ask " + httpAddress + ": " + why);
    }

    @Override
    public synchronized void close() {
        closed = true;
        client = null;
        executor.shutdownNow();
    }

    /** A peer did not answer; carries who and why. */
    public static final class PeerException extends RuntimeException {

        private final transient PeerFailure failure;

        PeerException(PeerFailure failure) {
            super(failure.edge() + ": " + failure.error(), null, false, false);
            this.failure = failure;
        }

        public PeerFailure failure() {
            return failure;
        }
    }
}
