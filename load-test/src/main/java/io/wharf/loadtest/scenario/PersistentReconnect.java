package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.ConnectSettings;
import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.MessageListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * N persistent sessions subscribe, go offline, messages for them are published while they are
 * away, and all reconnect at once: how long until every queue is drained, and how many messages
 * never arrived. A broker that does not keep sessions shows every queued message as missing. The
 * latency curve is the time from the start of the reconnect to each message's arrival. At the end
 * the sessions are ended (MQTT 5: DISCONNECT with session expiry 0).
 */
public final class PersistentReconnect implements Scenario {

    private static final long PUBLISH_TIMEOUT_SECONDS = 300;

    @Override
    public String name() {
        return "persistent-reconnect";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        try (RunContext run = new RunContext(name(), options, clients)) {
            String root = options.topicPrefix + "/inbox";
            ConnectSettings persistent = options.connectSettings().persistent();
            List<LoadConnection> first = RunContext.present(
                    run.connect(options.connections, "session", persistent, i -> run.countingListener()));
            run.subscribeAll(first, i -> List.of(root + "/" + i), options.qos);
            awaitAll(first.stream().map(LoadConnection::disconnect).toList());
            long offlineDeliveries = run.measurements.counts().delivered();

            LoadConnection publisher = RunContext.present(
                            run.connect(1, "queue-filler", options.connectSettings(), i -> MessageListener.IGNORE))
                    .get(0);
            long queued = (long) options.connections * options.messagesPerSession;
            awaitAll(List.of(new CountedPublisher(
                            publisher,
                            n -> root + "/" + (n % options.connections),
                            queued,
                            options.qos,
                            options.payloadSize)
                    .start()));
            long acknowledgedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(PUBLISH_TIMEOUT_SECONDS);
            while (run.measurements.counts().acknowledged() < queued && System.nanoTime() < acknowledgedBy) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }

            run.loadStarts();
            long reconnectStart = run.measurements.startNanos();
            MessageListener sinceReconnect = (connection, topic, payload, receivedNanos) ->
                    run.measurements.delivered(reconnectStart, receivedNanos);
            ConnectionRamp.Result again = run.connect(options.connections, "session", persistent, i -> sinceReconnect);
            int sessionsPresent = 0;
            for (LoadConnection connection : RunContext.present(again)) {
                if (connection.connected().join()) {
                    sessionsPresent++;
                }
            }
            double reconnectSeconds = again.elapsedNanos() / 1e9;
            long expected = offlineDeliveries + queued;
            long end = run.drain(() -> expected);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("sessions", first.size());
            figures.put("sessionsPresentOnReconnect", sessionsPresent);
            figures.put("queuedWhileOffline", queued);
            figures.put("deliveredAfterReconnect", run.measurements.counts().delivered() - offlineDeliveries);
            figures.put("secondsToReconnectAll", reconnectSeconds);
            long last = run.measurements.lastDeliveryNanos();
            figures.put(
                    "secondsUntilDrained",
                    last > reconnectStart && run.measurements.counts().delivered() >= expected
                            ? (last - reconnectStart) / 1e9
                            : null);
            figures.put("latency", "from the start of the reconnect to each queued message's arrival");
            ScenarioResult result = run.result(first.size(), expected, 0, end, figures);
            endSessions(RunContext.present(again));
            return result;
        }
    }

    /** Ends the sessions, so that a broker does not keep them (and a next run starts as this one did). */
    private static void endSessions(List<LoadConnection> sessions) {
        CompletableFuture.allOf(sessions.stream()
                        .map(LoadConnection::disconnectEndingSession)
                        .toArray(CompletableFuture[]::new))
                .orTimeout(1, TimeUnit.MINUTES)
                .exceptionally(error -> null)
                .join();
    }

    private static void awaitAll(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a step of the persistent-reconnect scenario did not complete: " + e, e);
        }
    }
}
