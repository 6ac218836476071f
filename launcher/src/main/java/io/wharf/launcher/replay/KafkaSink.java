package io.wharf.launcher.replay;

import io.wharf.schemas.message.ApplicationMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies records to another Kafka topic of the same cluster: key, value, headers and timestamp as
 * they were, so that the copy reads like the original. The default partitioner keeps each MQTT
 * topic's records in one partition and in order.
 */
final class KafkaSink implements ReplaySink {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final ReplayCounters counters;

    private KafkaSink(KafkaProducer<byte[], byte[]> producer, String topic, ReplayCounters counters) {
        this.producer = producer;
        this.topic = topic;
        this.counters = counters;
    }

    /**
     * Checks that the topic exists, then opens an idempotent producer to it.
     *
     * @throws ReplayFailedException when the topic does not exist or Kafka does not answer
     */
    static KafkaSink open(String bootstrap, String topic, ReplayCounters counters, Duration timeout)
            throws InterruptedException {
        requireTopic(bootstrap, topic, timeout);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "wharf-replay");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        return new KafkaSink(
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()), topic, counters);
    }

    private static void requireTopic(String bootstrap, String topic, Duration timeout) throws InterruptedException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        try (Admin admin = Admin.create(config)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayFailedException(
                        "Kafka at " + bootstrap + " has no topic " + topic
                                + ": create it first, for example kafka-topics.sh --bootstrap-server " + bootstrap
                                + " --create --topic " + topic,
                        e);
            }
            throw new ReplayFailedException(
                    "Kafka at " + bootstrap + " refused to describe topic " + topic + ": "
                            + e.getCause().getMessage(),
                    e);
        } catch (TimeoutException e) {
            throw new ReplayFailedException(
                    "Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds() + " s: check --kafka", e);
        }
    }

    @Override
    public void send(ConsumerRecord<byte[], byte[]> record, ApplicationMessage message) {
        ProducerRecord<byte[], byte[]> copy =
                new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), record.headers());
        try {
            producer.send(copy, (metadata, error) -> {
                if (error == null) {
                    counters.sent.incrementAndGet();
                } else {
                    counters.failed("Kafka refused a record for " + topic + ": " + error.getMessage());
                }
            });
        } catch (KafkaException e) {
            throw new ReplayFailedException("Cannot write to Kafka topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish(Duration timeout) {
        // flush() waits for every acknowledgement; the producer's delivery timeout bounds it.
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
