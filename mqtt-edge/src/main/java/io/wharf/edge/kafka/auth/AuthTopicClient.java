package io.wharf.edge.kafka.auth;

import io.wharf.edge.auth.cluster.AuthContents;
import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.auth.AuthEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads and changes the cluster's users and rules straight in the auth topic, for the
 * {@code wharf user} and {@code wharf acl} commands: every edge applies what is written here.
 */
public final class AuthTopicClient implements AutoCloseable {

    private final String bootstrap;
    private final WharfTopic<String, AuthEntry> topic;
    private final Duration timeout;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;

    /** @throws AuthTopicException if Kafka cannot be reached or the topic does not exist */
    public static AuthTopicClient connect(
            String bootstrap, Map<String, Object> overrides, WharfTopic<String, AuthEntry> topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        KafkaConsumer<byte[], byte[]> consumer = EdgeKafkaClients.consumer(bootstrap, "wharf-auth-command", config);
        KafkaProducer<byte[], byte[]> producer = null;
        try {
            producer = EdgeKafkaClients.producer(bootstrap, "wharf-auth-command", overrides);
            return new AuthTopicClient(bootstrap, topic, timeout, consumer, producer);
        } catch (KafkaException e) {
            consumer.close();
            if (producer != null) {
                producer.close();
            }
            throw new AuthTopicException("cannot connect to Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private AuthTopicClient(
            String bootstrap,
            WharfTopic<String, AuthEntry> topic,
            Duration timeout,
            KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.timeout = timeout;
        this.consumer = consumer;
        this.producer = producer;
    }

    /** Everything the topic holds now. */
    public AuthContents read() {
        List<TopicPartition> partitions;
        try {
            partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
        } catch (KafkaException e) {
            throw new AuthTopicException(
                    "cannot reach Kafka at " + bootstrap + " within " + timeout + ": " + e.getMessage(), e);
        }
        if (partitions.isEmpty()) {
            throw new AuthTopicException("Kafka at " + bootstrap + " has no topic " + topic.name()
                    + ": start an edge on it first (it creates the topic), or check --topic-prefix");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        AuthContents contents = new AuthContents();
        Instant deadline = Instant.now().plus(timeout);
        while (!reached(ends)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AuthTopicException("reading " + topic.name() + " did not finish within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                AuthRecord.applyTo(contents, topic, record);
            }
        }
        return contents;
    }

    /** Writes a user or a rule, replacing the record of the same key. */
    public void put(AuthEntry entry) {
        AuthTopicWrites.sendAll(producer, topic, List.of(entry), timeout);
    }

    /** Removes the user or rule of {@code key}. */
    public void remove(String key) {
        AuthTopicWrites.remove(producer, topic.name(), key, timeout);
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
        producer.close(Duration.ofSeconds(1));
    }
}
