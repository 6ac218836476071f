package io.wharf.edge.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions kept in this edge's memory: they survive reconnects to the same edge, not its restart,
 * and are not seen by other edges. For a single edge without Kafka-backed sessions, and tests.
 */
public final class InMemorySessionStore implements SessionStore {

  private final Map<String, SessionSnapshot> sessions = new ConcurrentHashMap<>();
  private final Map<String, Long> epochs = new ConcurrentHashMap<>();
  private final AtomicLong nextEpoch = new AtomicLong();

  @Override
  public CompletableFuture<SessionClaim> claim(String clientId, boolean cleanStart) {
    long epoch = nextEpoch.incrementAndGet();
    epochs.put(clientId, epoch);
    SessionSnapshot stored = sessions.get(clientId);
    if (cleanStart || (stored != null && SessionExpiry.hasExpired(stored, System.currentTimeMillis()))) {
      sessions.remove(clientId);
      stored = null;
    }
    return CompletableFuture.completedFuture(new SessionClaim(clientId, epoch, Optional.ofNullable(stored)));
  }

  @Override
  public CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot) {
    if (owns(claim)) {
      sessions.put(claim.clientId(), snapshot);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> release(SessionClaim claim, SessionSnapshot snapshot) {
    // A later connection on this edge claims only after this one has released, so this one owns it.
    if (!owns(claim)) {
      return CompletableFuture.completedFuture(null);
    }
    if (snapshot != null) {
      sessions.put(claim.clientId(), snapshot);
    } else {
      sessions.remove(claim.clientId());
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void watch(SessionClaim claim, Runnable onTakenOver) {
    // One edge: its own connection registry already ends the older connection.
  }

  private boolean owns(SessionClaim claim) {
    return epochs.getOrDefault(claim.clientId(), -1L) == claim.epoch();
  }
}
