package io.wharf.edge.log;

import io.wharf.edge.message.LogPosition;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.concurrent.CompletableFuture;

/** Where the edge appends the messages clients publish. */
public interface MessageLog {

    /**
     * Appends a message, waiting (without blocking the caller) while the log cannot take it yet, up
     * to the edge's Kafka outage limit. The future completes once the log has made it durable (for
     * Kafka: acknowledged by all in-sync replicas), or fails if it could not. It may complete on any
     * thread, the caller's included, and before this method returns.
     */
    CompletableFuture<LogPosition> append(ApplicationMessage message);

    /**
     * Starts appending a message without waiting for the log to have room, for callers that keep
     * their own messages in order and retry, on their own thread, what the log could not take yet.
     * Nothing is handed to the log before {@link Append#handOver()}. {@code done} is told once how
     * the append ended, on any thread (the caller's included, during {@code handOver}).
     */
    Append begin(ApplicationMessage message, Completion done);

    /** Told once how an append ended. */
    @FunctionalInterface
    interface Completion {

        /**
         * @param position where the message is, once durable; null when it failed
         * @param error null once durable; why it could not be stored otherwise
         */
        void completed(LogPosition position, Throwable error);
    }

    /** One message on its way into the log. Used on one thread at a time. */
    interface Append {

        /**
         * Hands the message (what is left of it) to the log if the log can take it without waiting;
         * never blocks. It cannot while it has no room in its buffer, or does not know where the record
         * goes because Kafka cannot be reached. Past the outage limit the append is given up and its
         * completion is told so.
         *
         * @return true when nothing is left to hand over (taken, refused for good, or given up); false
         *     when the caller should try again later
         */
        boolean handOver();

        /** True while the log has taken no part of the message (a retained one is two records). */
        boolean untouched();
    }
}
