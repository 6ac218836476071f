package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.Wire;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that connects with the same client id (and a persistent session) 100 times a second
 * for 15 s, each connection taking the session over from the one before: the edge's heap stays
 * bounded, a well-behaved client stays served, and after the storm the client id connects as usual.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class TakeoverStormIT {

    private static final Logger LOG = LoggerFactory.getLogger(TakeoverStormIT.class);
    private static final String CLIENT_ID = "storm";
    private static final int CONNECTS = 1_500;
    private static final Duration PERIOD = Duration.ofMillis(10); // 100 a second
    /** The storm's sockets this test keeps open; older ones, taken over, it closes. */
    private static final int KEPT_OPEN = 50;
    /** Measured: 1.5 MiB at the peak; the bound leaves room for the broker's drift in this JVM. */
    private static final long HEAP_BOUND = 24L * 1024 * 1024;

    @Test
    void reconnectingWithTheSameClientId100TimesASecondCostsABoundedHeap(TestKafka kafka) throws Exception {
        try (AbusedEdge edge = AbusedEdge.start(kafka);
                ServedClient served = ServedClient.start(edge.running(), "takeover-storm")) {
            HeapProbe heap = HeapProbe.baseline();
            Deque<Socket> storm = new ArrayDeque<>();
            try {
                Pace pace = Pace.every(PERIOD);
                for (int i = 1; i <= CONNECTS; i++) {
                    Socket socket = new Socket();
                    storm.add(socket);
                    socket.connect(new InetSocketAddress("127.0.0.1", edge.port()));
                    socket.getOutputStream().write(Wire.connect311(CLIENT_ID, false, 0));
                    if (storm.size() > KEPT_OPEN) {
                        storm.removeFirst().close();
                    }
                    if (i % 300 == 0) {
                        LOG.info("takeover storm: {} connects, heap growth {}", i, HeapProbe.mib(heap.sample()));
                    }
                    pace.next();
                }
                served.awaitDelivery();
            } finally {
                closeAll(storm);
            }

            org.eclipse.paho.client.mqttv3.MqttClient after = Clients.paho311(edge.running(), CLIENT_ID, true);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(edge.running().edge().connectedClients())
                            .as("the served client and the last one of the storm's id")
                            .isEqualTo(2));
            Clients.close(after);
            served.stopAndCheck();
            LOG.info(
                    "takeover storm: peak heap growth {} (bound {})",
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(HEAP_BOUND);
        }
    }

    private static void closeAll(Deque<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
