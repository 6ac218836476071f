package io.wharf.launcher.fault;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MQTT 5 client with a persistent session that reconnects by itself, as devices behind a load
 * balancer do, and notes how often and for how long it was disconnected.
 */
final class TrackedClient {

    private final String id;
    private final Mqtt5AsyncClient client;
    private final AtomicLong disconnectedAtNanos = new AtomicLong();
    private final AtomicLong longestOutageNanos = new AtomicLong();
    private final AtomicInteger reconnects = new AtomicInteger();

    TrackedClient(String id, int port) {
        this.id = id;
        this.client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .automaticReconnect()
                .initialDelay(200, TimeUnit.MILLISECONDS)
                .maxDelay(2, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addDisconnectedListener(context -> disconnectedAtNanos.compareAndSet(0, System.nanoTime()))
                .addConnectedListener(context -> {
                    long since = disconnectedAtNanos.getAndSet(0);
                    if (since != 0) {
                        reconnects.incrementAndGet();
                        longestOutageNanos.accumulateAndGet(System.nanoTime() - since, Math::max);
                    }
                })
                .buildAsync();
    }

    void connect() {
        client.connectWith().cleanStart(false).sessionExpiryInterval(600).send().join();
    }

    Mqtt5AsyncClient mqtt() {
        return client;
    }

    String id() {
        return id;
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    int reconnects() {
        return reconnects.get();
    }

    Duration longestOutage() {
        return Duration.ofNanos(longestOutageNanos.get());
    }

    void disconnect() {
        client.disconnect().handle((done, error) -> null).join();
    }
}
