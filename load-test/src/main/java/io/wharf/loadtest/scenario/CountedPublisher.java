package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.measure.Probe;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * Publishes a fixed number of messages as fast as the connection's window allows; completes when
 * the last one is written. Runs on the connection's event loop.
 */
final class CountedPublisher {

    private final LoadConnection connection;
    private final LongFunction<String> topics;
    private final long count;
    private final int qos;
    private final int payloadSize;
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private long sent;

    CountedPublisher(LoadConnection connection, LongFunction<String> topics, long count, int qos, int payloadSize) {
        this.connection = connection;
        this.topics = topics;
        this.count = count;
        this.qos = qos;
        this.payloadSize = payloadSize;
    }

    /** Starts publishing; messages carry no send time (stamp 0). */
    CompletableFuture<Void> start() {
        connection.execute(() -> {
            connection.onCapacity(this::sendSome);
            sendSome();
        });
        return written;
    }

    private void sendSome() {
        int batch = 0;
        while (sent < count && batch < 1024 && connection.canPublish(qos)) {
            connection.publish(topics.apply(sent), qos, Probe.payload(payloadSize, 0));
            sent++;
            batch++;
        }
        connection.flush();
        if (sent == count) {
            written.complete(null);
        } else if (batch == 1024) {
            connection.execute(this::sendSome);
        } else if (!connection.channel().isActive()) {
            written.completeExceptionally(new IllegalStateException("publisher connection closed"));
        }
    }
}
