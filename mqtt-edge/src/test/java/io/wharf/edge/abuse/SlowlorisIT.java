package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.conformance.Wire;
import io.wharf.edge.limits.LimitSettings;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 5,000 sockets that never send CONNECT, then 5,000 that send half of one: the edge closes each
 * after its connect timeout, holds a bounded heap meanwhile, and serves a well-behaved client. And
 * 1,000 that send the first 16 KiB of a CONNECT declaring a mebibyte: what they hold together stays
 * within max-connecting-bytes.
 * The two kinds run one after the other: 5,000 sockets are 10,000 descriptors in this JVM (both
 * ends), and a process may hold 20,000.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class SlowlorisIT {

    private static final Logger LOG = LoggerFactory.getLogger(SlowlorisIT.class);
    private static final int SOCKETS = 5_000;
    /** The edge's default: longer than opening 5,000 sockets takes here, so that all are open at the sample. */
    private static final Duration CONNECT_TIMEOUT = ProtocolSettings.defaults().connectTimeout();
    /**
     * Measured at the peak, with 5,000 connections open (the edge's channels and pipelines, and this
     * test's own socket channels): 6 to 14 MiB for silent ones, 43 to 50 MiB for half-CONNECTs. Of
     * the latter some 30 MiB are the records of Netty's paranoid leak detector, which the tests turn
     * on (16 MiB with it off). The bound leaves room for the broker's drift in this JVM.
     */
    private static final long HEAP_BOUND = 96L * 1024 * 1024;

    @Test
    void socketsThatNeverFinishConnectAreClosedAfterTheConnectTimeout(TestKafka kafka) throws Exception {
        ProtocolSettings protocol =
                ProtocolSettings.builder().connectTimeout(CONNECT_TIMEOUT).build();
        try (AbusedEdge edge = AbusedEdge.start(kafka, protocol);
                ServedClient served = ServedClient.start(edge.running(), "slowloris")) {
            HeapProbe heap = HeapProbe.baseline();

            attack(edge, heap, served, "silent", new byte[0]);
            byte[] connect = Wire.connect311("half-a-connect", true, 0);
            attack(edge, heap, served, "half-CONNECT", Arrays.copyOf(connect, connect.length / 2));

            served.stopAndCheck();
            LOG.info(
                    "slowloris: peak heap growth {} (bound {})",
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(HEAP_BOUND);
        }
    }

    @Test
    void largeConnectsThatNeverCompleteHoldNoMoreThanMaxConnectingBytesAndClientsGetInAfterThem(TestKafka kafka)
            throws Exception {
        long budget = 4L * 1024 * 1024;
        int sockets = 1_000;
        byte[] start = largeConnectStart(16 * 1024); // 16 MiB offered, four times the budget
        ProtocolSettings protocol = ProtocolSettings.builder()
                .limits(LimitSettings.defaults().withMaxConnectingBytes(budget))
                .build();
        try (AbusedEdge edge = AbusedEdge.start(kafka, protocol);
                ServedClient served = ServedClient.start(edge.running(), "large-connects")) {
            try (IdleSockets idle = IdleSockets.open(edge.port(), sockets, start)) {
                // Those whose bytes did not fit are closed at once, not after the connect timeout.
                await().atMost(Duration.ofSeconds(20)).until(() -> idle.stillOpen() <= budget / start.length);
                served.awaitDelivery();
                LOG.info(
                        "large CONNECTs: {} of {} sockets left open by a budget of {}",
                        idle.stillOpen(),
                        sockets,
                        HeapProbe.mib(budget));
                assertThat(edge.limitHits("max-connecting-bytes")).isPositive();
            }
            // Once the edge has seen them closed, their bytes are back in the budget: a new client gets in.
            await().atMost(Duration.ofSeconds(20))
                    .ignoreExceptions()
                    .untilAsserted(() -> ServedClient.start(edge.running(), "after-large-connects")
                            .close());
            served.stopAndCheck();
        }
    }

    /**
     * The first {@code bytes} of an MQTT 5 CONNECT of almost a mebibyte that never completes: its
     * properties are declared 999,000 bytes long and begin with a user property whose name is to
     * be 65,535 bytes, of which only zeros up to {@code bytes} come, so the decoder waits for more.
     */
    private static byte[] largeConnectStart(int bytes) {
        byte[] start = new byte[bytes];
        byte[] header = {
            0x10,
            (byte) 0xC0,
            (byte) 0x84,
            0x3D, // CONNECT, remaining length 1,000,000
            0x00,
            0x04,
            'M',
            'Q',
            'T',
            'T',
            0x05,
            0x02,
            0x00,
            0x3C, // MQTT 5, clean start, keep-alive 60
            (byte) 0xD8,
            (byte) 0xFC,
            0x3C, // properties: 999,000 bytes
            0x26,
            (byte) 0xFF,
            (byte) 0xFF // a user property, its name 65,535 bytes long
        };
        System.arraycopy(header, 0, start, 0, header.length);
        return start;
    }

    private static void attack(AbusedEdge edge, HeapProbe heap, ServedClient served, String kind, byte[] firstBytes)
            throws Exception {
        try (IdleSockets sockets = IdleSockets.open(edge.port(), SOCKETS, firstBytes)) {
            long growth = heap.sample();
            int open = sockets.stillOpen();
            served.awaitDelivery();
            LOG.info("slowloris: {} of {} {} sockets open, heap growth {}", open, SOCKETS, kind, HeapProbe.mib(growth));
            assertThat(sockets.awaitClosedByEdge(CONNECT_TIMEOUT.plusSeconds(20)))
                    .as("%s sockets the edge left open", kind)
                    .isZero();
        }
    }
}
