package io.wharf.edge.log;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.Message;
import java.util.concurrent.CompletableFuture;

/** Where the edge appends the messages clients publish. */
public interface MessageLog {

    /**
     * Appends a message, waiting (without blocking the caller) while the log cannot take it yet, up
     * to the edge's Kafka outage limit. The future completes once the log has made it durable (for
     * Kafka: acknowledged by all in-sync replicas), or fails if it could not. It may complete on any
     * thread, the caller's included, and before this method returns.
     */
    CompletableFuture<LogPosition> append(Message message);

    /**
     * Starts appending a message without waiting for the log to have room, for callers that keep
     * their own messages in order and retry, on their own thread, what the log could not take yet.
     * Nothing is handed to the log before {@link Append#handOver()}.
     */
    Append begin(Message message);

    /** One message on its way into the log. Used on one thread at a time. */
    interface Append {

        /**
         * Hands the message (what is left of it) to the log if the log can take it without waiting;
         * never blocks. It cannot while it has no room in its buffer, or does not know where the record
         * goes because Kafka cannot be reached. Past the outage limit the append is given up and
         * {@link #stored()} fails.
         *
         * @return true when nothing is left to hand over (taken, refused for good, or given up); false
         *     when the caller should try again later
         */
        boolean handOver();

        /** True while the log has taken no part of the message (a retained one is two records). */
        boolean untouched();

        /** Completes once the message is durable; fails when the log refused it or gave it up. */
        CompletableFuture<LogPosition> stored();
    }
}
