package io.wharf.edge.admin;

import java.util.concurrent.CompletableFuture;

/** The changes an operator makes through the API that are records in Kafka's compacted topics. */
public interface AdminWrites {

    /** Removes a client's session from the session topic; completes once Kafka has stored it. */
    CompletableFuture<Void> removeSession(String clientId);

    /** Clears a topic's retained message; completes once Kafka has stored the clearing record. */
    CompletableFuture<Void> clearRetained(String topic);
}
