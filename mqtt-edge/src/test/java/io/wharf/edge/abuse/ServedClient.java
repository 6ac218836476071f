package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.RunningEdge;
import io.wharf.edge.conformance.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The well-behaved client an abuse must leave served: a Paho 3.1.1 client that publishes a QoS 1
 * message to its own topic every 20 ms (each publish waits for its PUBACK) and subscribes to that
 * topic at QoS 1, timing every message from publish to delivery.
 */
final class ServedClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServedClient.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PERIOD_MILLIS = 20;

    private final String name;
    private final MqttClient client;
    private final String topic;
    private final Set<Integer> received = ConcurrentHashMap.newKeySet();
    private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread publisher;
    private volatile boolean publishing = true;

    private ServedClient(String name, MqttClient client) {
        this.name = name;
        this.client = client;
        this.topic = "served/" + name;
        this.publisher = new Thread(this::publishLoop, "served-" + name);
    }

    /** Connects, subscribes and starts publishing. */
    static ServedClient start(RunningEdge edge, String name) throws MqttException {
        ServedClient served = new ServedClient(name, Clients.paho311(edge, "served-" + name, true));
        served.client.subscribe(served.topic, 1, (topic, message) -> served.arrived(message.getPayload()));
        served.publisher.start();
        served.awaitDelivery();
        return served;
    }

    /** Waits until one more message than now has arrived: the client is served at this moment. */
    void awaitDelivery() {
        int before = received.size();
        await().atMost(WAIT).until(() -> failure.get() != null || received.size() > before);
        assertThat(failure.get()).as(name + " publishes").isNull();
    }

    /**
     * Stops publishing, checks that every message sent arrived, and logs the latencies: the figure
     * that goes into the README.
     */
    void stopAndCheck() throws InterruptedException {
        publishing = false;
        publisher.join(WAIT.toMillis());
        assertThat(failure.get()).as(name + " publishes").isNull();
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(sent.get()));
        synchronized (latencyMicros) {
            LOG.info(
                    "{}: {} QoS 1 messages, all delivered; latency ms p50 {} p90 {} p99 {} p99.9 {} max {}",
                    name,
                    sent.get(),
                    millis(latencyMicros.getValueAtPercentile(50)),
                    millis(latencyMicros.getValueAtPercentile(90)),
                    millis(latencyMicros.getValueAtPercentile(99)),
                    millis(latencyMicros.getValueAtPercentile(99.9)),
                    millis(latencyMicros.getMaxValue()));
        }
    }

    private void publishLoop() {
        try {
            while (publishing) {
                int sequence = sent.get();
                byte[] payload = (sequence + " " + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
                client.publish(topic, payload, 1, false); // returns at PUBACK
                sent.incrementAndGet();
                Thread.sleep(PERIOD_MILLIS); // the client's own pace, not a wait for the edge
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private void arrived(byte[] payload) {
        String[] parts = new String(payload, StandardCharsets.US_ASCII).split(" ");
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - Long.parseLong(parts[1]));
        synchronized (latencyMicros) {
            latencyMicros.recordValue(Math.min(micros, latencyMicros.getHighestTrackableValue()));
        }
        received.add(Integer.parseInt(parts[0]));
    }

    private static String millis(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    @Override
    public void close() {
        publishing = false;
        publisher.interrupt();
        Clients.close(client);
    }
}
