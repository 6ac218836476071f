package io.wharf.edge;

import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.ProduceObserver;
import io.wharf.edge.kafka.RecordMapping;
import io.wharf.edge.kafka.RetainedReader;
import io.wharf.edge.kafka.TopicSizeLimits;
import io.wharf.edge.kafka.typed.RegistryClient;
import io.wharf.edge.kafka.typed.TypedTopics;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.mapping.PayloadRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The edge's side of the message topics, started: the producer and log clients' messages go
 * through, each topic's partition count, and the retained messages loaded into their index.
 *
 * @param producer the messages' own producer, one that never blocks the event loops that send
 * @param sizeLimits the largest record each topic takes, which bounds the MQTT packets accepted
 * @param typed the topics whose records are typed, which readers turn back into JSON
 */
record MessageTopics(
        KafkaProducer<byte[], byte[]> producer,
        KafkaMessageLog log,
        Map<String, Integer> partitions,
        RetainedIndex retainedIndex,
        RetainedReader retainedReader,
        TopicSizeLimits sizeLimits,
        TypedTopics typed) {

    /** How the message topics' records read as messages: typed topics' as JSON again. */
    RecordMapping records() {
        return new RecordMapping(typed);
    }

    /**
     * @param readFromStart the consumer settings of a reader of a whole topic
     * @throws EdgeStartException when Kafka does not answer, a topic is missing, or the retained
     *     messages do not load in time
     */
    static MessageTopics start(
            EdgeSettings settings,
            Map<String, Object> readFromStart,
            Duration metadataTimeout,
            Duration loadTimeout,
            EdgeMetrics metrics,
            StartedParts started)
            throws InterruptedException {
        String bootstrap = settings.kafkaBootstrap();
        RetainedIndex retainedIndex = new RetainedIndex();
        KafkaProducer<byte[], byte[]> producer = EdgeKafkaClients.producer(
                bootstrap,
                settings.nodeId() + "-messages",
                KafkaMessageLog.producerSettings(settings.kafkaOutageLimit(), settings.kafkaClientOverrides()));
        started.add(producer);
        TopicSizeLimits sizeLimits = sizeLimits(settings, metadataTimeout);
        TypedTopics typed = typedTopics(settings, metadataTimeout);
        KafkaMessageLog log = new KafkaMessageLog(
                producer,
                settings.mapping(),
                settings.topics().retained().name(),
                retainedIndex,
                settings.kafkaOutageLimit(),
                new ProduceObserver() {
                    @Override
                    public void written(long nanos) {
                        metrics.kafkaWritten(nanos);
                    }

                    @Override
                    public void failed(Throwable error) {
                        metrics.kafkaWriteFailed(error);
                    }

                    @Override
                    public void payloadInvalid(String kafkaTopic, PayloadRule.Invalid action) {
                        metrics.payloadInvalid(kafkaTopic, action.configName());
                    }
                },
                sizeLimits,
                typed);
        if (!log.awaitMetadata(metadataTimeout)) {
            throw new EdgeStartException(
                    "Kafka at " + bootstrap + " did not answer within " + metadataTimeout.toSeconds()
                            + " s, or a message topic does not exist. Check the address and that the broker runs.",
                    null);
        }
        // The producer has the topics' metadata now, so their partitions are known at once.
        Map<String, Integer> partitions = new HashMap<>();
        for (String kafkaTopic : settings.mapping().kafkaTopics()) {
            partitions.put(kafkaTopic, producer.partitionsFor(kafkaTopic).size());
        }
        RetainedReader retainedReader = new RetainedReader(
                EdgeKafkaClients.followerConsumer(bootstrap, settings.nodeId() + "-retained", readFromStart),
                settings.topics().retained().name(),
                retainedIndex);
        started.add(retainedReader);
        if (!retainedReader.startAndAwaitLoaded(loadTimeout)) {
            throw new EdgeStartException(
                    "The retained messages in " + settings.topics().retained().name() + " did not load within "
                            + loadTimeout.toSeconds() + " s",
                    null);
        }
        return new MessageTopics(
                producer, log, Map.copyOf(partitions), retainedIndex, retainedReader, sizeLimits, typed);
    }

    /** The schemas of the rules that type their payloads, from their files or their registries. */
    private static TypedTopics typedTopics(EdgeSettings settings, Duration timeout) {
        try {
            return TypedTopics.load(
                    settings.mapping().rules(), settings.topics().prefix(), new RegistryClient(timeout));
        } catch (IllegalArgumentException e) {
            throw new EdgeStartException(e.getMessage(), e);
        }
    }

    /** {@code max.message.bytes} of every topic a message is written to, and the producer's own limit. */
    private static TopicSizeLimits sizeLimits(EdgeSettings settings, Duration timeout) throws InterruptedException {
        Set<String> topics = new LinkedHashSet<>(settings.mapping().kafkaTopics());
        topics.add(settings.topics().retained().name());
        Map<String, Object> overrides = settings.kafkaClientOverrides();
        Object requestSize = overrides.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        int maxRequestSize = requestSize == null
                ? TopicSizeLimits.DEFAULT_MAX_REQUEST_SIZE
                : Integer.parseInt(requestSize.toString().trim());
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            return TopicSizeLimits.read(admin, topics, maxRequestSize, timeout);
        } catch (IllegalStateException e) {
            throw new EdgeStartException(e.getMessage(), e);
        }
    }
}
