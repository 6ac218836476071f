package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.netty.ClientAddress;
import io.wharf.edge.session.Session;
import io.wharf.edge.session.SessionSnapshot;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** The clients connected to this edge, by client id, so that a second connection takes over. */
public final class ConnectedClients {

    private final Map<String, MqttConnection> byClientId = new ConcurrentHashMap<>();
    /** When each connection was accepted (by identity: a connection is no value). */
    private final Map<MqttConnection, Instant> connectedAt = new ConcurrentHashMap<>();

    /** Registers a new connection; returns the one it replaces for the same client id, if any. */
    MqttConnection register(MqttConnection connection) {
        connectedAt.put(connection, Instant.now());
        return byClientId.put(connection.clientId(), connection);
    }

    /** Forgets a connection unless a newer one for its client id has replaced it already. */
    void unregister(MqttConnection connection) {
        connectedAt.remove(connection);
        byClientId.remove(connection.clientId(), connection);
    }

    /** Calls {@code action} with each connected client, on the calling thread. */
    void forEach(Consumer<MqttConnection> action) {
        byClientId.values().forEach(action);
    }

    public int count() {
        return byClientId.size();
    }

    /** Each connected client's id and address (the PROXY header's, behind a load balancer), by id. */
    public Map<String, SocketAddress> addresses() {
        Map<String, SocketAddress> addresses = new TreeMap<>();
        byClientId.forEach((clientId, connection) -> addresses.put(clientId, ClientAddress.of(connection.channel())));
        return addresses;
    }

    /** The connected clients, in no order. */
    public Collection<MqttConnection> connections() {
        return List.copyOf(byClientId.values());
    }

    /** The connection of a client id, if it is connected here. */
    public Optional<MqttConnection> connection(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    /** When a connection was accepted, or null once it ended. */
    public Instant connectedAt(MqttConnection connection) {
        return connectedAt.get(connection);
    }

    /**
     * The state of a connected client's session now, read on its event loop; empty when the client
     * is not connected here or its session is still loading.
     */
    public CompletableFuture<Optional<SessionSnapshot>> sessionNow(MqttConnection connection) {
        CompletableFuture<Optional<SessionSnapshot>> state = new CompletableFuture<>();
        connection.channel().eventLoop().execute(() -> {
            Session session = connection.session();
            state.complete(session == null ? Optional.empty() : Optional.of(session.snapshotNow()));
        });
        return state;
    }

    /**
     * Disconnects one client (an MQTT 5 client learns the reason). Completes once its session is
     * stored, with false when the client was not connected here.
     */
    public CompletableFuture<Boolean> disconnect(String clientId, MqttReasonCodes.Disconnect reason, String why) {
        MqttConnection connection = byClientId.get(clientId);
        if (connection == null) {
            return CompletableFuture.completedFuture(false);
        }
        Channel channel = connection.channel();
        channel.eventLoop().execute(() -> Disconnector.disconnect(channel, reason, why));
        return connection.end().released().handle((stored, error) -> true);
    }

    /**
     * Disconnects every client (MQTT 5 clients learn the reason) and waits, up to {@code grace}, until
     * their sessions are stored.
     */
    public void disconnectAll(MqttReasonCodes.Disconnect reason, String why, Duration grace) {
        List<CompletableFuture<Void>> released = new ArrayList<>();
        for (MqttConnection connection : byClientId.values()) {
            Channel channel = connection.channel();
            channel.eventLoop().execute(() -> Disconnector.disconnect(channel, reason, why));
            released.add(connection.end().released());
        }
        try {
            CompletableFuture.allOf(released.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ConnectionLog.sessionsNotStoredInTime(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            ConnectionLog.sessionsNotStored(e.getCause());
        }
    }
}
