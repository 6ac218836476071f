package io.wharf.loadtest.scenario;

import io.netty.buffer.Unpooled;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.measure.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The limit Kafka itself sets: one producer writes records of the same size and key length as the
 * MQTT scenarios, with the same acks, to a topic with as many partitions as Wharf's message topic,
 * while one consumer reads them. "Published" is produced, "delivered" is consumed; the latency is
 * produce to consume, the acknowledgement latency send to acknowledgement. With {@code
 * --kafka-headers wharf} each record also carries the headers Wharf's edge writes for fan-in's
 * devices, and {@code --kafka-in-flight} sets how many records wait for their acknowledgement at
 * once (for a like-for-like row: publishers x window of the MQTT run).
 */
public final class RawKafka implements Scenario {

    /** Partitions of Wharf's {@code mqtt.messages}, so that both spread the same way. */
    static final int PARTITIONS = 6;

    @Override
    public String name() {
        return "kafka-raw";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        String topic = "wharf-bench-raw-" + options.topicPrefix;
        createTopic(options.kafkaBootstrap, topic);
        try (RunContext run = new RunContext(name(), options, clients);
                KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(options.kafkaBootstrap, options.acks);
                KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(options.kafkaBootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            AtomicBoolean consuming = new AtomicBoolean(true);
            Thread reader = new Thread(() -> consume(consumer, consuming, run.measurements), "raw-kafka-consumer");
            // Keys as long as the fan-in scenario's MQTT topics, so that records are the same size.
            int devices = Math.max(1, options.connections);
            String root = options.topicPrefix + "/telemetry/";
            // Client ids as fan-in's devices (RunContext.connect names them), for the client-id header.
            String clientRoot = options.topicPrefix + "-device-";
            boolean wharfHeaders = options.kafkaHeaders.equals("wharf");
            KafkaPacedProducer writer = new KafkaPacedProducer(
                    producer,
                    topic,
                    n -> root + (n % devices) + "/data",
                    options.payloadSize,
                    run.measurements,
                    wharfHeaders ? options.qos : 0,
                    wharfHeaders ? n -> clientRoot + (n % devices) : null);
            // Metadata first, as the MQTT scenarios connect first: the clock then times records alone.
            producer.partitionsFor(topic);
            RunContext.Phase load = run.load(
                    () -> {
                        reader.start();
                        writer.run(
                                options.rate <= 0 ? 0 : options.rate * devices,
                                Duration.ofSeconds(options.durationSeconds),
                                options.kafkaInFlight);
                    },
                    () -> run.measurements.counts().acknowledged());
            consuming.set(false);
            join(reader);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("kafkaTopic", topic);
            figures.put("partitions", PARTITIONS);
            figures.put("acks", options.acks);
            figures.put("maxInFlight", options.kafkaInFlight);
            figures.put("headers", options.kafkaHeaders);
            figures.put("latency", "Kafka produce to consume");
            return run.result(
                    0, run.measurements.counts().acknowledged(), load.publishSeconds(), load.endNanos(), figures);
        }
    }

    private static void consume(
            KafkaConsumer<byte[], byte[]> consumer, AtomicBoolean consuming, Measurements measurements) {
        while (consuming.get()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                measurements.delivered(stamp(record.value()), System.nanoTime());
            }
        }
    }

    private static long stamp(byte[] value) {
        return Probe.sentNanos(Unpooled.wrappedBuffer(value));
    }

    private static void createTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + topic + ": " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic + ": " + e, e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
