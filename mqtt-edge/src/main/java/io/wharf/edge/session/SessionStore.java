package io.wharf.edge.session;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where sessions wait between connections. */
public interface SessionStore {

  CompletableFuture<Optional<SessionSnapshot>> load(String clientId);

  CompletableFuture<Void> save(SessionSnapshot snapshot);

  CompletableFuture<Void> delete(String clientId);
}
