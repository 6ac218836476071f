package io.wharf.edge;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.listener.Listeners;
import io.wharf.edge.protocol.ConnectedClients;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking an edge out of service without losing anything: readiness fails at once (so load balancers
 * stop sending clients), new connections are refused after the drain delay, the clients are told
 * why and disconnected (so every session is stored), and everything written so far reaches Kafka.
 * One drain per edge: asking again waits for the same one.
 */
final class EdgeDrain {

    private static final Logger log = LoggerFactory.getLogger(MqttEdge.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** How long a drain waits for the clients' messages to reach Kafka, which may be away. */
    private static final Duration MESSAGE_FLUSH_WAIT = Duration.ofSeconds(30);

    private final String nodeId;
    private final Duration drainDelay;
    private final Listeners mqttServer;
    private final ConnectedClients clients;
    private final Runnable flushMessages;
    private final Runnable flushSessions;
    private volatile boolean accepting = true;
    private CompletableFuture<Void> drained;
    /** Completes when an operator's drain is done; a listener may come after it. */
    private final CompletableFuture<Void> operatorDrain = new CompletableFuture<>();

    /**
     * @param flushMessages waits until the clients' messages are written to Kafka (bounded here)
     * @param flushSessions waits until the session records are written to Kafka
     */
    EdgeDrain(
            String nodeId,
            Duration drainDelay,
            Listeners mqttServer,
            ConnectedClients clients,
            Runnable flushMessages,
            Runnable flushSessions) {
        this.nodeId = nodeId;
        this.drainDelay = drainDelay;
        this.mqttServer = mqttServer;
        this.clients = clients;
        this.flushMessages = flushMessages;
        this.flushSessions = flushSessions;
    }

    /** False from the moment a drain is asked for. */
    boolean isAccepting() {
        return accepting;
    }

    /** Whoever runs the edge gets told when an operator asks for a drain (and stops the process). */
    void onRequested(Runnable listener) {
        operatorDrain.thenRun(listener);
    }

    /** An operator asked for a drain (through the admin API). */
    void request() {
        forOperator().thenRun(() -> operatorDrain.complete(null));
    }

    /** A drain that tells MQTT 5 clients to use another server (0x9C). */
    CompletableFuture<Void> forOperator() {
        return drain(MqttReasonCodes.Disconnect.USE_ANOTHER_SERVER, "this server is being drained");
    }

    /** A drain that tells MQTT 5 clients the server shuts down (0x8B). */
    CompletableFuture<Void> forShutdown() {
        return drain(MqttReasonCodes.Disconnect.SERVER_SHUTTING_DOWN, "the server is shutting down");
    }

    /** Drains, telling MQTT 5 clients {@code reason}; a later call waits for the first drain. */
    private synchronized CompletableFuture<Void> drain(MqttReasonCodes.Disconnect reason, String why) {
        if (drained == null) {
            accepting = false;
            log.info(
                    "Edge {} draining: readiness off, refusing new connections in {} ms",
                    nodeId,
                    drainDelay.toMillis());
            drained = CompletableFuture.runAsync(
                    () -> {
                        mqttServer.close();
                        clients.disconnectAll(reason, why, SHUTDOWN_GRACE);
                        flush(flushMessages, MESSAGE_FLUSH_WAIT);
                        flushSessions.run();
                        log.info("Edge {} drained: every session is stored", nodeId);
                    },
                    CompletableFuture.delayedExecutor(drainDelay.toMillis(), TimeUnit.MILLISECONDS));
        }
        return drained;
    }

    /** Waits for what the producer holds to be written, but no longer than {@code wait}: Kafka may be away. */
    private static void flush(Runnable flush, Duration wait) {
        try {
            CompletableFuture.runAsync(flush).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Not every message reached Kafka within {} s of the drain: {}", wait.toSeconds(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
