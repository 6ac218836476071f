package io.wharf.edge.log;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.Message;
import java.util.concurrent.CompletableFuture;

/** Where the edge appends the messages clients publish. */
public interface MessageLog {

  /**
   * Appends a message. The future completes once the log has made it durable (for Kafka:
   * acknowledged by all in-sync replicas), or fails if it could not; it never completes on the
   * caller's thread before this method returns.
   */
  CompletableFuture<LogPosition> append(Message message);
}
