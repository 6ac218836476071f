package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.limits.LimitSettings;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 10,000 connections opened and dropped in a loop for a minute: a third close right after
 * CONNECT, a third reset right after it, a third reset once CONNACK arrived. The edge's heap stays
 * bounded, it gives back every connection slot, and a well-behaved client stays served.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(210)
class ConnectionChurnIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChurnIT.class);
    private static final int CONNECTIONS = 10_000;
    private static final int BATCH = 50;
    private static final Duration BATCH_PERIOD = Duration.ofMillis(300); // 10,000 in a minute
    /** Low enough that leaked slots would lock new clients out after the churn. */
    private static final int MAX_CONNECTIONS = 2_000;
    /**
     * Measured: 4 to 4.5 MiB at the peak. The bound leaves room for the broker's drift in this JVM,
     * yet a leak of 2.5 KiB per connection would cross it.
     */
    private static final long HEAP_BOUND = 24L * 1024 * 1024;

    @Test
    void connectionsOpenedAndDroppedInALoopLeaveNothingBehind(TestKafka kafka) throws Exception {
        ProtocolSettings protocol = ProtocolSettings.builder()
                .limits(LimitSettings.defaults().withMaxConnections(MAX_CONNECTIONS))
                .build();
        try (AbusedEdge edge = AbusedEdge.start(kafka, protocol);
                ServedClient served = ServedClient.start(edge.running(), "churn")) {
            HeapProbe heap = HeapProbe.baseline();
            Pace pace = Pace.every(BATCH_PERIOD);
            for (int opened = 0; opened < CONNECTIONS; opened += BATCH) {
                churn(edge.port(), opened);
                if (opened % 2_000 == 0) {
                    LOG.info("churn: {} connections dropped, heap growth {}", opened, HeapProbe.mib(heap.sample()));
                }
                pace.next();
            }
            LOG.info("churn: {} connections dropped, heap growth {}", CONNECTIONS, HeapProbe.mib(heap.sample()));
            served.awaitDelivery();

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(edge.running().edge().connectedClients())
                            .as("only the served client is left")
                            .isEqualTo(1));
            org.eclipse.paho.client.mqttv3.MqttClient after =
                    Clients.paho311(edge.running(), "after-churn", true); // a slot is free for it
            Clients.close(after);
            served.stopAndCheck();
            LOG.info(
                    "churn: peak heap growth {} (bound {})",
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(HEAP_BOUND);
        }
    }

    /** One batch: connect them all, send each a CONNECT, then drop them in three ways. */
    private static void churn(int port, int first) throws IOException {
        List<Socket> sockets = new ArrayList<>(BATCH);
        try {
            for (int i = 0; i < BATCH; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.setSoTimeout(10_000);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                socket.getOutputStream().write(Wire.connect311("churn-" + (first + i), true, 0));
            }
            for (int i = 0; i < BATCH; i++) {
                Socket socket = sockets.get(i);
                switch (i % 3) {
                    case 0 -> socket.close();
                    case 1 -> reset(socket);
                    default -> {
                        InputStream in = socket.getInputStream();
                        // CONNACK, or the end of the stream when the edge refused it at its maximum
                        in.readNBytes(4);
                        reset(socket);
                    }
                }
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Closes with a TCP reset instead of a FIN, as a client that vanishes does. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
