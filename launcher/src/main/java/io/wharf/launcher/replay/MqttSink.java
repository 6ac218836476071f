package io.wharf.launcher.replay;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Re-publishes messages to an MQTT broker as an MQTT 5 client, each with the QoS, retain flag and
 * MQTT 5 properties it was published with (the QoS capped by {@code --qos}).
 */
final class MqttSink implements ReplaySink {

    /** Bounds what the client queues while the broker acknowledges. */
    private static final int MAX_IN_FLIGHT = 1_000;

    private final Mqtt5AsyncClient client;
    private final ReplayTarget.Mqtt target;
    private final IntUnaryOperator qosFor;
    private final ReplayCounters counters;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicReference<Throwable> connectionLost;

    private MqttSink(
            Mqtt5AsyncClient client,
            ReplayTarget.Mqtt target,
            IntUnaryOperator qosFor,
            ReplayCounters counters,
            AtomicReference<Throwable> connectionLost) {
        this.client = client;
        this.target = target;
        this.qosFor = qosFor;
        this.counters = counters;
        this.connectionLost = connectionLost;
    }

    /**
     * Connects to the broker.
     *
     * @param qosFor the QoS to publish a message of the given QoS with
     * @throws ReplayFailedException when the broker cannot be reached or refuses the connection
     */
    static MqttSink connect(
            ReplayTarget.Mqtt target, IntUnaryOperator qosFor, ReplayCounters counters, Duration timeout)
            throws InterruptedException {
        AtomicReference<Throwable> connectionLost = new AtomicReference<>();
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("wharf-replay-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(target.host())
                .serverPort(target.port())
                .addDisconnectedListener(context -> connectionLost.compareAndSet(null, context.getCause()))
                .buildAsync();
        try {
            client.connectWith()
                    .cleanStart(true)
                    .noSessionExpiry()
                    .send()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ReplayFailedException(
                    "Cannot connect to the MQTT broker at " + target + ": " + rootMessage(e)
                            + ". Check --to and that the broker runs.",
                    e);
        } catch (TimeoutException e) {
            client.disconnect();
            throw new ReplayFailedException(
                    "The MQTT broker at " + target + " did not answer within " + timeout.toSeconds()
                            + " s. Check --to and that the broker runs.",
                    e);
        }
        connectionLost.set(null);
        return new MqttSink(client, target, qosFor, counters, connectionLost);
    }

    @Override
    public void send(ConsumerRecord<byte[], byte[]> record, ApplicationMessage message) throws InterruptedException {
        Mqtt5Publish publish;
        try {
            publish = toPublish(message);
        } catch (IllegalArgumentException e) {
            counters.failed("a message on " + message.topic() + " cannot be published: " + e.getMessage());
            return;
        }
        inFlight.acquire();
        requireConnected();
        client.publish(publish).whenComplete(this::acknowledged);
    }

    private void acknowledged(Mqtt5PublishResult result, Throwable error) {
        Throwable refused = error != null ? error : result.getError().orElse(null);
        if (refused == null) {
            counters.sent.incrementAndGet();
        } else {
            counters.failed(target + " refused a message: " + refused.getMessage());
        }
        inFlight.release();
    }

    private Mqtt5Publish toPublish(ApplicationMessage message) {
        Mqtt5PublishBuilder.Complete publish = Mqtt5Publish.builder()
                .topic(message.topic())
                .payload(message.payload())
                .qos(MqttQos.fromCode(qosFor.applyAsInt(message.qos())))
                .retain(message.retain());
        ApplicationMessage.Properties properties = message.properties();
        if (properties.payloadFormat() != null && properties.payloadFormat() == 1) {
            publish.payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8);
        }
        if (properties.expirySeconds() != null) {
            publish.messageExpiryInterval(properties.expirySeconds());
        }
        if (properties.contentType() != null) {
            publish.contentType(properties.contentType());
        }
        if (properties.responseTopic() != null) {
            publish.responseTopic(properties.responseTopic());
        }
        if (properties.correlationData() != null) {
            publish.correlationData(properties.correlationData());
        }
        if (!properties.userProperties().isEmpty()) {
            publish.userProperties(Mqtt5UserProperties.of(properties.userProperties().stream()
                    .map(p -> Mqtt5UserProperty.of(p.name(), p.value()))
                    .toList()));
        }
        return publish.build();
    }

    @Override
    public void finish(Duration timeout) throws InterruptedException {
        if (!inFlight.tryAcquire(MAX_IN_FLIGHT, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            requireConnected();
            throw new ReplayFailedException(
                    "The MQTT broker at " + target + " did not acknowledge "
                            + (MAX_IN_FLIGHT - inFlight.availablePermits()) + " messages within " + timeout.toSeconds()
                            + " s",
                    null);
        }
        inFlight.release(MAX_IN_FLIGHT);
    }

    private void requireConnected() {
        Throwable cause = connectionLost.get();
        if (cause != null) {
            throw new ReplayFailedException(
                    "The MQTT broker at " + target + " closed the connection: " + cause.getMessage(), cause);
        }
    }

    /** The innermost cause's message: "Connection refused", not the wrappers around it. */
    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The broker went away while we said goodbye; everything sent was already counted.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
