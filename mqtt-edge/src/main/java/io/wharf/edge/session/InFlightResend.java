package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sends what a resumed session had in flight, in packet id order of the window: PUBREL for a
 * message the client has received, the PUBLISH (with DUP) otherwise, read again from the log. A
 * message leaves the window only when the log shows it is gone; a read that fails or comes back too
 * soon is made again while the client is connected. Used on the session's event loop only.
 */
final class InFlightResend {

    private static final Logger log = LoggerFactory.getLogger(InFlightResend.class);
    private static final long READ_RETRY_MS = 1000;

    private final String clientId;
    private final LogReader reader;
    private final EventExecutor executor;
    private final OutboundWindow window;
    private final Supplier<SessionOutput> output;

    /** @param output the client's connection, or null once it has closed */
    InFlightResend(
            String clientId,
            LogReader reader,
            EventExecutor executor,
            OutboundWindow window,
            Supplier<SessionOutput> output) {
        this.clientId = clientId;
        this.reader = reader;
        this.executor = executor;
        this.window = window;
        this.output = output;
    }

    CompletableFuture<Void> resend(List<InFlight> entries) {
        return resend(entries, 0);
    }

    private CompletableFuture<Void> resend(List<InFlight> entries, int index) {
        if (index >= entries.size() || output.get() == null) {
            return CompletableFuture.completedFuture(null);
        }
        InFlight entry = entries.get(index);
        if (entry.released()) {
            output.get().release(entry.packetId());
            return resend(entries, index + 1);
        }
        CompletableFuture<LoggedMessage> message =
                entry.message() != null ? CompletableFuture.completedFuture(entry.message()) : readAt(entry.position());
        return message.thenComposeAsync(
                read -> {
                    SessionOutput client = output.get();
                    if (read == null) {
                        log.warn(
                                "{}: the in-flight message at {} is gone from the log; dropping it",
                                clientId,
                                entry.position());
                        window.remove(entry.packetId());
                    } else if (client != null) {
                        window.replace(entry.withMessage(read));
                        client.publish(
                                read.message(),
                                entry.qos(),
                                entry.retain(),
                                true,
                                entry.packetId(),
                                entry.subscriptionIds());
                    }
                    return resend(entries, index + 1);
                },
                executor);
    }

    /** The message at {@code position}, or null when the log no longer has it. */
    private CompletableFuture<LoggedMessage> readAt(LogPosition position) {
        return reader.read(position.logPartition(), position.offset(), 1)
                .handleAsync(
                        (batch, error) -> {
                            InFlightRead outcome =
                                    error != null ? InFlightRead.NOT_YET : InFlightRead.of(batch, position.offset());
                            return switch (outcome) {
                                case FOUND ->
                                    CompletableFuture.completedFuture(
                                            batch.messages().get(0));
                                case GONE -> CompletableFuture.<LoggedMessage>completedFuture(null);
                                case NOT_YET -> readAgainLater(position, error);
                            };
                        },
                        executor)
                .thenCompose(read -> read);
    }

    private CompletableFuture<LoggedMessage> readAgainLater(LogPosition position, Throwable error) {
        if (output.get() == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the connection ended"));
        }
        log.debug(
                "{}: the in-flight message at {} did not come back from the log ({}); reading it again",
                clientId,
                position,
                error == null ? "nothing read yet" : error.toString());
        CompletableFuture<LoggedMessage> again = new CompletableFuture<>();
        executor.schedule(
                () -> readAt(position).whenComplete((message, failure) -> {
                    if (failure != null) {
                        again.completeExceptionally(failure);
                    } else {
                        again.complete(message);
                    }
                }),
                READ_RETRY_MS,
                TimeUnit.MILLISECONDS);
        return again;
    }
}
