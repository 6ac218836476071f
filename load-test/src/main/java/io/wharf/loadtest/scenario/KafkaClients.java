package io.wharf.loadtest.scenario;

import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.loadtest.measure.Measurements;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka clients of the Kafka scenarios. The producer is the one Wharf's edge makes for itself
 * (idempotent, its linger and batch size), with the asked acks, so that raw Kafka and MQTT ingest
 * compare like for like.
 */
final class KafkaClients {

    /** Records a producer keeps unacknowledged at once by default, so that an unpaced run does not pile up. */
    static final int MAX_IN_FLIGHT_RECORDS = 10_000;

    private KafkaClients() {}

    static KafkaProducer<byte[], byte[]> producer(String bootstrap, String acks) {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ProducerConfig.ACKS_CONFIG, acks);
        overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "all".equals(acks) || "-1".equals(acks));
        // The load loop waits for room itself (MAX_IN_FLIGHT_RECORDS); it never needs to fail fast.
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        return EdgeKafkaClients.producer(bootstrap, "wharf-load-producer", overrides);
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "wharf-load-consumer");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sends one record, counting it published now and acknowledged (or an error) when Kafka
     * answers (with the time from the send to the answer); waits while {@code inFlight} has no
     * permit left.
     */
    static void send(
            KafkaProducer<byte[], byte[]> producer,
            ProducerRecord<byte[], byte[]> record,
            Semaphore inFlight,
            Measurements measurements) {
        inFlight.acquireUninterruptibly();
        measurements.published();
        long sentNanos = System.nanoTime();
        producer.send(record, (metadata, error) -> {
            inFlight.release();
            if (error == null) {
                measurements.acknowledged(sentNanos);
            } else {
                measurements.error("Kafka send failed: " + error.getClass().getSimpleName());
            }
        });
    }
}
