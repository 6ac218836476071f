package io.wharf.edge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.RunningEdge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** The messages a Paho 3 subscriber received, in arrival order. */
public final class Inbox implements IMqttMessageListener {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Received> messages = new CopyOnWriteArrayList<>();

    /** One received message as the client saw it. */
    public record Received(String topic, String payload, int qos, boolean retained, boolean duplicate) {

        /** {@code topic payload}, the way mosquitto_sub prints it. */
        public String line() {
            return topic + " " + payload;
        }
    }

    /** A new Paho 3.1.1 client with a clean session, subscribed at QoS 1 to the filters. */
    public static Inbox subscribe(RunningEdge edge, String clientId, String... filters) throws MqttException {
        Inbox inbox = new Inbox();
        MqttClient client = Clients.paho311(edge, clientId, true);
        for (String filter : filters) {
            client.subscribe(filter, 1, inbox);
        }
        return inbox;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Received(
                topic,
                new String(message.getPayload(), StandardCharsets.UTF_8),
                message.getQos(),
                message.isRetained(),
                message.isDuplicate()));
    }

    public List<Received> messages() {
        return List.copyOf(messages);
    }

    public List<String> lines() {
        return messages.stream().map(Received::line).toList();
    }

    /** Waits until {@code count} messages have arrived, and returns them. */
    public List<Received> awaitCount(int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages).hasSizeGreaterThanOrEqualTo(count));
        return messages();
    }

    /** Waits until a message with this payload has arrived, and returns everything received so far. */
    public List<Received> awaitPayload(String payload) {
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(messages).extracting(Received::payload).contains(payload));
        return messages();
    }
}
