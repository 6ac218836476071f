package io.wharf.edge.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The clients connected to this edge, by client id, so that a second connection takes over. */
public final class ConnectedClients {

  private final Map<String, MqttConnection> byClientId = new ConcurrentHashMap<>();

  /** Registers a new connection; returns the one it replaces for the same client id, if any. */
  MqttConnection register(MqttConnection connection) {
    return byClientId.put(connection.clientId(), connection);
  }

  /** Forgets a connection unless a newer one for its client id has replaced it already. */
  void unregister(MqttConnection connection) {
    byClientId.remove(connection.clientId(), connection);
  }

  public int count() {
    return byClientId.size();
  }

  /** Every connection, for a server shutdown. */
  public Iterable<MqttConnection> all() {
    return byClientId.values();
  }
}
