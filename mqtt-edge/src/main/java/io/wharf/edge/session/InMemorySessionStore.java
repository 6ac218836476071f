package io.wharf.edge.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions kept in this edge's memory: they survive reconnects to the same edge, not its restart.
 * The Kafka-backed store replaces it for a cluster of edges.
 */
public final class InMemorySessionStore implements SessionStore {

  private final Map<String, SessionSnapshot> sessions = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<Optional<SessionSnapshot>> load(String clientId) {
    return CompletableFuture.completedFuture(Optional.ofNullable(sessions.get(clientId)));
  }

  @Override
  public CompletableFuture<Void> save(SessionSnapshot snapshot) {
    sessions.put(snapshot.clientId(), snapshot);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> delete(String clientId) {
    sessions.remove(clientId);
    return CompletableFuture.completedFuture(null);
  }
}
