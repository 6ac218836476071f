package io.wharf.loadtest.scenario;

import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.measure.Pacer;
import io.wharf.loadtest.measure.Probe;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Produces probe-stamped message records keyed by MQTT topic names (written by {@link
 * MessageCodec}, as a backend would), at a total rate (or unpaced) for a fixed time, on the calling
 * thread.
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
            KafkaClients.send(
                    producer, MessageCodec.toRecord(kafkaTopic, message(keys.apply(n), stamp)), inFlight, measurements);
        }
        producer.flush();
    }

    /** What a backend sends: a QoS 0 message from no MQTT client, so a record with no headers. */
    private ApplicationMessage message(String topic, long stamp) {
        return new ApplicationMessage(
                topic,
                Probe.bytes(payloadSize, stamp),
                0,
                false,
                null,
                System.currentTimeMillis(),
                ApplicationMessage.Properties.NONE);
    }
}
