package io.wharf.edge.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of an edge, with the settings its guarantees rest on. Those are set last, so
 * that no setting passed in (a user's, or an embedder's) can replace them: a producer writes to
 * every in-sync replica, idempotently; a consumer commits nothing and reads committed records only.
 */
public final class EdgeKafkaClients {

    private static final int IDLE_FOLLOWER_FETCH_WAIT_MS = 500;
    private static final int CATCH_UP_FETCH_WAIT_MS = 10;

    private EdgeKafkaClients() {}

    /**
     * An idempotent producer that counts a record written only when every in-sync replica has it.
     * {@code max.block.ms} is short because sends start on event-loop threads; a send that cannot
     * proceed fails rather than stalling other clients.
     */
    public static KafkaProducer<byte[], byte[]> producer(
            String bootstrap, String clientId, Map<String, Object> overrides) {
        return newProducer(bootstrap, clientId, overrides, true);
    }

    private static KafkaProducer<byte[], byte[]> newProducer(
            String bootstrap, String clientId, Map<String, Object> overrides, boolean idempotent) {
        return new KafkaProducer<>(
                producerConfig(bootstrap, clientId, overrides, idempotent),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    static Map<String, Object> producerConfig(
            String bootstrap, String clientId, Map<String, Object> overrides, boolean idempotent) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // A record waits up to linger.ms for others to share its request, and a QoS 1 PUBACK waits
        // with it: 5 ms (Kafka's default) is most of a device's publish-to-PUBACK time when few
        // publish. Under load records gather anyway while earlier requests are in flight.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putAll(overrides);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
        return config;
    }

    /**
     * A producer for transactions, fenced by {@code transactionalId}: a restarted edge with the same
     * id aborts what its predecessor left open.
     */
    public static KafkaProducer<byte[], byte[]> transactionalProducer(
            String bootstrap, String clientId, String transactionalId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        // Its own thread sends and commits, never an event loop, so it may wait for the coordinator.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return producer(bootstrap, clientId, config);
    }

    /**
     * The heartbeats' own producer: a connection and a buffer that no message traffic shares, and
     * timeouts short enough that a heartbeat Kafka cannot take fails within a few seconds (which is
     * how the edge learns that it cannot write). A heartbeat written twice does no harm, so it needs
     * no idempotence; the settings heartbeats rely on win over {@code overrides}.
     */
    public static KafkaProducer<byte[], byte[]> heartbeatProducer(
            String bootstrap, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        return newProducer(bootstrap, clientId, config, false);
    }

    /**
     * A consumer for a {@link TopicFollower}, whose partitions never change: it may leave each idle
     * fetch waiting at the broker for Kafka's default half second, since a record arriving answers
     * the fetch at once. A shorter wait only multiplies the requests an idle edge sends.
     */
    public static KafkaConsumer<byte[], byte[]> followerConsumer(
            String bootstrap, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, IDLE_FOLLOWER_FETCH_WAIT_MS);
        return consumer(bootstrap, clientId, config);
    }

    /**
     * A consumer for reading a partition from an offset on request ({@link KafkaLogReader}). Its fetches
     * wait at most 10 ms at the broker: a read that reached the end leaves one fetch waiting there, and
     * the next read (of any partition on that broker) cannot send its own until that one returns. It
     * polls only while it serves a read, so the short wait costs nothing when no session catches up.
     */
    public static KafkaConsumer<byte[], byte[]> catchUpConsumer(
            String bootstrap, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, CATCH_UP_FETCH_WAIT_MS);
        return consumer(bootstrap, clientId, config);
    }

    /**
     * A consumer for manual assignment: no group, nothing committed, committed records only. Its
     * idle fetches wait at most 100 ms, so that partitions assigned in between are fetched soon
     * (a consumer sends no fetch to a broker while one is waiting there).
     */
    public static KafkaConsumer<byte[], byte[]> consumer(
            String bootstrap, String clientId, Map<String, Object> overrides) {
        return new KafkaConsumer<>(
                consumerConfig(bootstrap, clientId, overrides),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    static Map<String, Object> consumerConfig(String bootstrap, String clientId, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.putAll(overrides);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
