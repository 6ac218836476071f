package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.wharf.edge.conformance.Wire;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishers that flood the edge: one writes QoS 0 PUBLISH packets as fast as its socket takes
 * them, one sends 1 MiB payloads at QoS 1 as fast as the edge acknowledges them. Each runs 15 s;
 * the edge's heap stays bounded and a well-behaved client stays served.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class PublishFloodIT {

    private static final Logger LOG = LoggerFactory.getLogger(PublishFloodIT.class);
    private static final Duration FLOOD = Duration.ofSeconds(15);
    private static final Duration SAMPLE_PERIOD = Duration.ofSeconds(3);
    /** Measured: 1.5 to 2 MiB at the peak; the bound leaves room for the broker's drift in this JVM. */
    private static final long QOS0_HEAP_BOUND = 24L * 1024 * 1024;
    /**
     * 1 MiB less 1 KiB, so that topic and header keep the packet within the edge's default maximum
     * packet size of 1 MiB.
     */
    private static final int LARGE_PAYLOAD = 1024 * 1024 - 1024;
    /**
     * Measured: 25 to 28 MiB at the peak, most of it the message producer's buffer (Kafka's default
     * {@code buffer.memory} of 32 MiB bounds it); twice that leaves room for the broker's drift.
     */
    private static final long LARGE_HEAP_BOUND = 64L * 1024 * 1024;

    @Test
    void aQos0PublisherAsFastAsItCanCostsABoundedHeap(TestKafka kafka) throws Exception {
        try (AbusedEdge edge = AbusedEdge.start(kafka);
                ServedClient served = ServedClient.start(edge.running(), "qos0-flood");
                Socket flood = new Socket()) {
            flood.connect(new InetSocketAddress("127.0.0.1", edge.port()));
            OutputStream out = flood.getOutputStream();
            out.write(Wire.connect311("qos0-flood", true, 0));
            assertThat(flood.getInputStream().readNBytes(4)).as("CONNACK").startsWith(0x20);
            byte[] burst = qos0Burst(100, new byte[100]);
            HeapProbe heap = HeapProbe.baseline();
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> writeUntilClosed(out, burst, written), "qos0-flood");
            writer.start();

            long end = System.nanoTime() + FLOOD.toNanos();
            long nextSample = System.nanoTime();
            while (System.nanoTime() < end) {
                served.awaitDelivery();
                if (System.nanoTime() >= nextSample) {
                    LOG.info(
                            "QoS 0 flood: {} MiB written, heap growth {}",
                            written.get() >> 20,
                            HeapProbe.mib(heap.sample()));
                    nextSample = System.nanoTime() + SAMPLE_PERIOD.toNanos();
                }
            }
            flood.close(); // ends the writer, blocked or not
            writer.join(TimeUnit.SECONDS.toMillis(20));

            served.stopAndCheck();
            LOG.info(
                    "QoS 0 flood: {} MiB in {} s, peak heap growth {} (bound {})",
                    written.get() >> 20,
                    FLOOD.toSeconds(),
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(QOS0_HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(QOS0_HEAP_BOUND);
        }
    }

    @Test
    void aPublisherOf1MiBPayloadsCostsABoundedHeap(TestKafka kafka) throws Exception {
        try (AbusedEdge edge = AbusedEdge.start(kafka);
                ServedClient served = ServedClient.start(edge.running(), "large-payloads")) {
            Mqtt5AsyncClient large = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("large-payloads")
                    .serverHost("127.0.0.1")
                    .serverPort(edge.port())
                    .buildAsync();
            large.connect().get(20, TimeUnit.SECONDS);
            byte[] payload = new byte[LARGE_PAYLOAD];
            HeapProbe heap = HeapProbe.baseline();
            Deque<CompletableFuture<Mqtt5PublishResult>> unacknowledged = new ArrayDeque<>();
            long sent = 0;
            long end = System.nanoTime() + FLOOD.toNanos();
            while (System.nanoTime() < end) {
                // as fast as the edge acknowledges, with up to 16 on the way
                while (unacknowledged.size() >= 16) {
                    expectStored(unacknowledged.removeFirst());
                }
                unacknowledged.add(large.publishWith()
                        .topic("large/" + (sent % 4))
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .payload(payload)
                        .send());
                sent++;
                if (sent % 50 == 0) {
                    LOG.info("1 MiB payloads: {} sent, heap growth {}", sent, HeapProbe.mib(heap.sample()));
                }
            }
            while (!unacknowledged.isEmpty()) {
                expectStored(unacknowledged.removeFirst());
            }
            heap.sample();
            served.awaitDelivery();
            large.disconnect().get(20, TimeUnit.SECONDS);

            served.stopAndCheck();
            LOG.info(
                    "1 MiB payloads: {} in {} s, peak heap growth {} (bound {})",
                    sent,
                    FLOOD.toSeconds(),
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(LARGE_HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(LARGE_HEAP_BOUND);
        }
    }

    private static void expectStored(CompletableFuture<Mqtt5PublishResult> ack) throws Exception {
        Mqtt5PublishResult result = ack.get(30, TimeUnit.SECONDS);
        assertThat(result.getError()).as("PUBACK of a 1 MiB message").isEmpty();
    }

    /** {@code count} QoS 0 PUBLISH packets back to back, written with one call. */
    private static byte[] qos0Burst(int count, byte[] payload) {
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            burst.writeBytes(Wire.publish311("flood/" + (i % 4), 0, 0, payload));
        }
        return burst.toByteArray();
    }

    private static void writeUntilClosed(OutputStream out, byte[] burst, AtomicLong written) {
        try {
            while (true) {
                out.write(burst); // blocks while the edge does not read
                written.addAndGet(burst.length);
            }
        } catch (IOException closed) {
            // the test closed the socket, or the edge did
        }
    }
}
