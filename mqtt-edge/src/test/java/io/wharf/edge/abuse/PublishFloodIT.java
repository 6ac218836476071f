package io.wharf.edge.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.conformance.Wire;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishers that flood the edge, each for 15 s: one writes QoS 0 PUBLISH packets as fast as its
 * socket takes them, one writes QoS 1 PUBLISH packets of 1 MiB as fast as its socket takes them,
 * never waiting for a PUBACK. The edge's heap stays bounded and a well-behaved client stays served.
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
     * 1 MiB less 2 KiB, so that topic and header keep the packet within the Maximum Packet Size the
     * edge promises by default: 1 MiB (the producer's max.request.size) less 1 KiB of record overhead.
     */
    private static final int LARGE_PAYLOAD = 1024 * 1024 - 2048;
    /**
     * Measured: 42 to 90 MiB at the peak, and no longer growing: the message producer's buffer
     * (Kafka's default {@code buffer.memory} of 32 MiB), the live consumer's fetches of these
     * messages, and the broker in this JVM taking them. Before the edge stopped reading from a
     * client whose message waits for the producer, the same 15 s grew it past 210 MiB and on.
     */
    private static final long LARGE_HEAP_BOUND = 128L * 1024 * 1024;

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

            watch(served, heap, () -> "QoS 0 flood: " + (written.get() >> 20) + " MiB written");
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
    void aQos1PublisherOf1MiBPayloadsThatNeverWaitsForPubAckCostsABoundedHeap(TestKafka kafka) throws Exception {
        try (AbusedEdge edge = AbusedEdge.start(kafka);
                ServedClient served = ServedClient.start(edge.running(), "large-payloads");
                Socket large = new Socket()) {
            large.connect(new InetSocketAddress("127.0.0.1", edge.port()));
            OutputStream out = large.getOutputStream();
            out.write(Wire.connect311("large-payloads", true, 0));
            InputStream in = large.getInputStream();
            assertThat(in.readNBytes(4)).as("CONNACK").startsWith(0x20);
            byte[] payload = new byte[LARGE_PAYLOAD];
            HeapProbe heap = HeapProbe.baseline();
            AtomicLong written = new AtomicLong();
            AtomicLong pubAcks = new AtomicLong();
            Thread writer = new Thread(() -> writeLargeUntilClosed(out, payload, written), "large-payloads");
            Thread reader = new Thread(() -> countPubAcksUntilClosed(in, pubAcks), "large-payloads-acks");
            writer.start();
            reader.start();

            watch(
                    served,
                    heap,
                    () -> "1 MiB payloads: " + written.get() + " written, " + pubAcks.get() + " acknowledged");
            large.close(); // ends both threads
            writer.join(TimeUnit.SECONDS.toMillis(20));
            reader.join(TimeUnit.SECONDS.toMillis(20));

            assertThat(pubAcks.get())
                    .as("1 MiB messages stored and acknowledged")
                    .isPositive();
            served.stopAndCheck();
            LOG.info(
                    "1 MiB payloads: {} written, {} acknowledged in {} s, peak heap growth {} (bound {})",
                    written.get(),
                    pubAcks.get(),
                    FLOOD.toSeconds(),
                    HeapProbe.mib(heap.peakGrowth()),
                    HeapProbe.mib(LARGE_HEAP_BOUND));
            assertThat(heap.peakGrowth()).isLessThan(LARGE_HEAP_BOUND);
        }
    }

    /**
     * Lets the flood run for its time, checking meanwhile that the served client gets its messages
     * and sampling the heap every few seconds (each sample is a full GC, which pauses the edge too).
     */
    private static void watch(ServedClient served, HeapProbe heap, Supplier<String> progress) {
        long end = System.nanoTime() + FLOOD.toNanos();
        long nextSample = System.nanoTime();
        while (System.nanoTime() < end) {
            served.awaitDelivery();
            if (System.nanoTime() >= nextSample) {
                LOG.info("{}, heap growth {}", progress.get(), HeapProbe.mib(heap.sample()));
                nextSample = System.nanoTime() + SAMPLE_PERIOD.toNanos();
            }
        }
    }

    /** QoS 1 PUBLISH packets of {@code payload}, one after the other, never waiting for a PUBACK. */
    private static void writeLargeUntilClosed(OutputStream out, byte[] payload, AtomicLong written) {
        try {
            for (int packetId = 1; ; packetId = packetId % 65_535 + 1) {
                out.write(Wire.publish311(
                        "large/" + packetId % 4, 1, packetId, payload)); // blocks while the edge does not read
                written.incrementAndGet();
            }
        } catch (IOException closed) {
            // the test closed the socket, or the edge did
        }
    }

    /** Counts the PUBACKs (4 bytes each in MQTT 3.1.1) the edge sends. */
    private static void countPubAcksUntilClosed(InputStream in, AtomicLong pubAcks) {
        try {
            byte[] pubAck = new byte[4];
            while (in.readNBytes(pubAck, 0, 4) == 4) {
                pubAcks.incrementAndGet();
            }
        } catch (IOException closed) {
            // the test closed the socket, or the edge did
        }
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
