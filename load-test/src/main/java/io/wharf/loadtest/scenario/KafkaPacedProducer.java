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
 * MessageCodec}), at a total rate (or unpaced) for a fixed time, on the calling thread: by default
 * as a backend writes them (QoS 0, no MQTT client, so no headers), or with the QoS and client-id
 * headers Wharf's edge writes for a device's message.
 */
final class KafkaPacedProducer {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String kafkaTopic;
    private final LongFunction<String> keys;
    private final int payloadSize;
    private final Measurements measurements;
    private final int qos;
    private final LongFunction<String> publisherIds;

    /** Records as a backend writes them: QoS 0 from no MQTT client. */
    KafkaPacedProducer(
            KafkaProducer<byte[], byte[]> producer,
            String kafkaTopic,
            LongFunction<String> keys,
            int payloadSize,
            Measurements measurements) {
        this(producer, kafkaTopic, keys, payloadSize, measurements, 0, null);
    }

    /**
     * @param qos the QoS of each message (its header when not 0)
     * @param publisherIds the MQTT client that published record {@code n} (its header); null: none
     */
    KafkaPacedProducer(
            KafkaProducer<byte[], byte[]> producer,
            String kafkaTopic,
            LongFunction<String> keys,
            int payloadSize,
            Measurements measurements,
            int qos,
            LongFunction<String> publisherIds) {
        this.producer = producer;
        this.kafkaTopic = kafkaTopic;
        this.keys = keys;
        this.payloadSize = payloadSize;
        this.measurements = measurements;
        this.qos = qos;
        this.publisherIds = publisherIds;
    }

    /** Produces for {@code duration}, then waits for the outstanding acknowledgements. */
    void run(double ratePerSecond, Duration duration) {
        run(ratePerSecond, duration, KafkaClients.MAX_IN_FLIGHT_RECORDS);
    }

    /** {@link #run(double, Duration)} with at most {@code maxInFlight} records unacknowledged. */
    void run(double ratePerSecond, Duration duration, int maxInFlight) {
        Semaphore inFlight = new Semaphore(maxInFlight);
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
                    producer,
                    MessageCodec.toRecord(
                            kafkaTopic,
                            message(keys.apply(n), publisherIds == null ? null : publisherIds.apply(n), stamp)),
                    inFlight,
                    measurements);
        }
        producer.flush();
    }

    private ApplicationMessage message(String topic, String publisherId, long stamp) {
        return new ApplicationMessage(
                topic,
                Probe.bytes(payloadSize, stamp),
                qos,
                false,
                publisherId,
                System.currentTimeMillis(),
                ApplicationMessage.Properties.NONE);
    }
}
