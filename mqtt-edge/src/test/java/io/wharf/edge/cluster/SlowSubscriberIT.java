package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A subscriber that stops reading must not make the edge hold ever more for it: QoS 0 messages it
 * cannot take are dropped, a persistent session pauses and later reads what it missed from Kafka.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(180)
class SlowSubscriberIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aSubscriberThatStopsReadingLosesQos0MessagesAndHoldsNobodyUp(TestKafka kafka) throws Exception {
        int messages = 3000;
        byte[] payload = new byte[8 * 1024];
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 1);
                Socket stuck = stuckSubscriber(cluster.edge(0).mqttPort(), "flood/#")) {
            List<String> fast = new CopyOnWriteArrayList<>();
            Mqtt5BlockingClient fastSubscriber = client(cluster, "fast");
            fastSubscriber.connect();
            fastSubscriber
                    .toAsync()
                    .subscribeWith()
                    .topicFilter("flood/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> fast.add(p.getTopic().toString()))
                    .send()
                    .join();

            Mqtt5BlockingClient publisher = client(cluster, "flooder");
            publisher.connect();
            for (int i = 0; i < messages; i++) {
                publisher
                        .publishWith()
                        .topic("flood/" + (i % 8))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(payload)
                        .send();
            }

            await().atMost(WAIT).untilAsserted(() -> assertThat(fast).hasSize(messages));
            int reachedStuck = countPublishes(stuck);
            assertThat(reachedStuck)
                    .as("QoS 0 messages the stuck subscriber got before its buffers filled")
                    .isPositive()
                    .isLessThan(messages);
            publisher.disconnect();
            fastSubscriber.disconnect();
        }
    }

    @Test
    void aPersistentSubscriberThatStopsAcknowledgingGetsEverythingInOrderOnceItGoesOn(TestKafka kafka) {
        ProtocolSettings smallWindow =
                ProtocolSettings.builder().maxInFlight(10).catchUpBatch(50).build();
        try (EdgeCluster cluster = EdgeCluster.start(kafka, 1, smallWindow)) {
            Queue<Mqtt5Publish> unacknowledged = new ConcurrentLinkedQueue<>();
            List<String> received = new CopyOnWriteArrayList<>();
            Mqtt5AsyncClient subscriber = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("lazy")
                    .serverHost("127.0.0.1")
                    .serverPort(cluster.edge(0).mqttPort())
                    .buildAsync();
            subscriber.publishes(
                    MqttGlobalPublishFilter.ALL,
                    publish -> {
                        received.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
                        unacknowledged.add(publish);
                    },
                    true);
            subscriber
                    .connectWith()
                    .cleanStart(false)
                    .sessionExpiryInterval(300)
                    .send()
                    .join();
            subscriber
                    .subscribeWith()
                    .topicFilter("lazy/topic")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .join();

            Mqtt5BlockingClient publisher = client(cluster, "busy-publisher");
            publisher.connect();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                sent.add("m" + i);
                publisher
                        .publishWith()
                        .topic("lazy/topic")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(("m" + i).getBytes(StandardCharsets.UTF_8))
                        .send();
            }

            await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(10));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(received).hasSize(10));

            await().atMost(WAIT).untilAsserted(() -> {
                acknowledgeAll(unacknowledged);
                assertThat(received).hasSize(500);
            });
            assertThat(received).containsExactlyElementsOf(sent);
            publisher.disconnect();
            subscriber.disconnect().join();
        }
    }

    private static void acknowledgeAll(Queue<Mqtt5Publish> unacknowledged) {
        Mqtt5Publish publish;
        while ((publish = unacknowledged.poll()) != null) {
            publish.acknowledge();
        }
    }

    private static Mqtt5BlockingClient client(EdgeCluster cluster, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .buildBlocking();
    }

    /** An MQTT 3.1.1 client that subscribes at QoS 0, then reads nothing more (and sends no PINGREQ). */
    private static Socket stuckSubscriber(int port, String filter) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        byte[] id = "stuck".getBytes(StandardCharsets.UTF_8);
        byte[] connect = new byte[12 + id.length];
        // Keep-alive 0: however long the flood takes, the edge must not drop it for silence.
        byte[] header = {0x10, (byte) (10 + 2 + id.length), 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 0};
        System.arraycopy(header, 0, connect, 0, header.length);
        out.write(connect, 0, 12);
        out.write(new byte[] {0, (byte) id.length});
        out.write(id);
        byte[] topic = filter.getBytes(StandardCharsets.UTF_8);
        out.write(new byte[] {(byte) 0x82, (byte) (2 + 2 + topic.length + 1), 0, 1, 0, (byte) topic.length});
        out.write(topic);
        out.write(0);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        readPacket(in); // CONNACK
        readPacket(in); // SUBACK
        return socket;
    }

    /** Reads what has piled up for the stuck subscriber and counts the PUBLISH packets in it. */
    private static int countPublishes(Socket socket) throws IOException {
        socket.setSoTimeout(2000);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int publishes = 0;
        try {
            while (true) {
                if ((readPacket(in) & 0xF0) == 0x30) {
                    publishes++;
                }
            }
        } catch (SocketTimeoutException e) {
            return publishes;
        }
    }

    private static int readPacket(InputStream input) throws IOException {
        DataInputStream in = new DataInputStream(input);
        int type = in.readUnsignedByte();
        int length = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length += (digit & 127) * multiplier;
            multiplier *= 128;
        } while ((digit & 128) != 0);
        in.readFully(new byte[length]);
        return type;
    }
}
