package io.wharf.loadtest.scenario;

import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.measure.Pacer;
import io.wharf.loadtest.measure.Probe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces probe-stamped records keyed by MQTT topic names, at a total rate (or unpaced) for a
 * fixed time, on the calling thread.
 */
final class KafkaPacedProducer {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String kafkaTopic;
    private final LongFunction<String> keys;
    private final int payloadSize;
    private final Measurements measurements;

    KafkaPacedProducer(
            KafkaProducer<byte[], byte[]> producer,
            String kafkaTopic,
            LongFunction<String> keys,
            int payloadSize,
            Measurements measurements) {
        this.producer = producer;
        this.kafkaTopic = kafkaTopic;
        this.keys = keys;
        this.payloadSize = payloadSize;
        this.measurements = measurements;
    }

    /** Produces for {@code duration}, then waits for the outstanding acknowledgements. */
    void run(double ratePerSecond, Duration duration) {
        Semaphore inFlight = new Semaphore(KafkaClients.MAX_IN_FLIGHT_RECORDS);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Pacer pacer = new Pacer(ratePerSecond, start);
        for (long n = 0; ; n++) {
            long stamp = pacer.unlimited() ? System.nanoTime() : pacer.intendedNanos(n);
            if (stamp >= end) {
                break;
            }
            if (!pacer.unlimited()) {
                LockSupport.parkNanos(stamp - System.nanoTime());
            }
            byte[] key = keys.apply(n).getBytes(StandardCharsets.UTF_8);
            KafkaClients.send(
                    producer,
                    new ProducerRecord<>(kafkaTopic, key, Probe.bytes(payloadSize, stamp)),
                    inFlight,
                    measurements);
        }
        producer.flush();
    }
}
