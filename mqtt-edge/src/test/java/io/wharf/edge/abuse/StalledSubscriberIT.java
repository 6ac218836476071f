package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.wharf.edge.conformance.Wire;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two subscribers to {@code #}, one at QoS 0 and one at QoS 1, that stop reading their sockets
 * while 1,000 QoS 1 messages of 1 KiB a second flow for 20 s: the edge stops writing to each at
 * {@code max-queued-bytes} (default 64 KiB) or at its in-flight window, so its heap stays bounded,
 * and a well-behaved client stays served.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class StalledSubscriberIT {

    private static final Logger LOG = LoggerFactory.getLogger(StalledSubscriberIT.class);
    private static final int MESSAGES_PER_TICK = 10;
    private static final Duration TICK = Duration.ofMillis(10); // 1,000 messages a second
    private static final int TICKS = 2_000; // 20 s
    /**
     * Measured: 8 to 11 MiB at the peak, no more after 60 s of it than after 20 s; the bound leaves
     * room for the broker's drift in this JVM.
     */
    private static final long HEAP_BOUND = 32L * 1024 * 1024;

    @Test
    void aSubscriberToEverythingThatNeverReadsCostsABoundedHeap(TestKafka kafka) throws Exception {
        // the stalled ones first: the served client's messages match '#' and could come before a SUBACK
        try (AbusedEdge edge = AbusedEdge.start(kafka);
                Socket stalledQos0 = stalledSubscriber(edge, "never-reads-qos0", 0);
                Socket stalledQos1 = stalledSubscriber(edge, "never-reads-qos1", 1);
                ServedClient served = ServedClient.start(edge.running(), "stalled")) {
            Mqtt5AsyncClient flood = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("flood-1000")
                    .serverHost("127.0.0.1")
                    .serverPort(edge.port())
                    .buildAsync();
            flood.connect().get(20, TimeUnit.SECONDS);
            HeapProbe heap = HeapProbe.baseline();
            // counted, not kept: 20,000 kept futures would weigh on the heap being measured
            AtomicInteger unacknowledged = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            byte[] payload = new byte[1024];
            Pace pace = Pace.every(TICK);
            for (int tick = 0; tick < TICKS; tick++) {
                for (int i = 0; i < MESSAGES_PER_TICK; i++) {
                    unacknowledged.incrementAndGet();
                    flood.publishWith()
                            .topic("flood/" + (i % 4))
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload)
                            .send()
                            .whenComplete((result, error) -> {
                                Throwable refused = error != null
                                        ? error
                                        : result.getError().orElse(null);
                                if (refused != null) {
                                    failure.compareAndSet(null, refused);
                                }
                                unacknowledged.decrementAndGet();
                            });
                }
                if (tick % 500 == 499) {
                    LOG.info(
                            "stalled subscriber: {} messages sent, heap growth {}",
                            (tick + 1) * MESSAGES_PER_TICK,
                            HeapProbe.mib(heap.sample()));
                }
                pace.next();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> unacknowledged.get() == 0);
            assertThat(failure.get()).as("every flood message acknowledged").isNull();
            served.awaitDelivery();
            flood.disconnect().get(20, TimeUnit.SECONDS);

            // The QoS 1 subscriber stops at its in-flight window (its messages wait in Kafka), which
            // the socket's buffers may hold whole; the QoS 0 one meets the limit.
            assertThat(edge.limitHits("max-queued-bytes"))
                    .as("the stalled subscriber met its queue's limit")
                    .isPositive();
            served.stopAndCheck();
            LOG.info(
                    "stalled subscriber: peak heap growth {} (bound {})",
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(HEAP_BOUND);
        }
    }

    /** A 3.1.1 client subscribed to everything at {@code qos} that, after its SUBACK, reads nothing. */
    private static Socket stalledSubscriber(AbusedEdge edge, String clientId, int qos) throws Exception {
        Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", edge.port()));
        stalled.getOutputStream().write(Wire.connect311(clientId, true, 0));
        stalled.getOutputStream().write(Wire.subscribe311(1, "#", qos));
        InputStream in = stalled.getInputStream();
        assertThat(in.readNBytes(4)).as("CONNACK").startsWith(0x20);
        assertThat(in.readNBytes(5)).as("SUBACK").startsWith(0x90);
        return stalled;
    }
}
