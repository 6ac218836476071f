package io.wharf.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients, as an analytics job or a device backend would use them. */
public final class KafkaRecords {

    private KafkaRecords() {}

    /**
     * Reads {@code topic} from the beginning until a record matches or the timeout passes.
     *
     * @return every record read, in partition order
     * @throws AssertionError if no record matched within the timeout
     */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<byte[], byte[]>> until, Duration timeout) {
        return readUntil(bootstrapServers, Map.of(), topic, until, timeout);
    }

    /** As {@link #readUntil(String, String, Predicate, Duration)}, with client settings such as SASL and TLS. */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(
            String bootstrapServers,
            Map<String, ?> clientProperties,
            String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> until,
            Duration timeout) {
        Properties config = new Properties();
        config.putAll(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record);
                    if (until.test(record)) {
                        return read;
                    }
                }
            }
        }
        throw new AssertionError("No matching record in " + topic + " within " + timeout + "; read " + read.size());
    }

    /**
     * A reader of committed records only (as a job downstream of Wharf's transactions reads), assigned
     * every partition of {@code topic} and placed at its beginning; the caller closes it.
     */
    public static KafkaConsumer<byte[], byte[]> committedReader(String bootstrapServers, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Every committed record of {@code topic} up to its end now, in partition order.
     *
     * @throws AssertionError if they cannot be read within the timeout
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String bootstrapServers, String topic, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrapServers, topic)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (end.entrySet().stream()
                    .anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("Could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            return read;
        }
    }

    /** Writes one record and waits for Kafka's acknowledgement. */
    public static void write(String bootstrapServers, ProducerRecord<byte[], byte[]> record) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write to " + record.topic(), e);
        }
    }
}
