package io.wharf.edge;

import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.ProduceObserver;
import io.wharf.edge.kafka.RetainedReader;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.retained.RetainedIndex;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The edge's side of the message topics, started: the producer and log clients' messages go
 * through, each topic's partition count, and the retained messages loaded into their index.
 *
 * @param producer the messages' own producer, one that never blocks the event loops that send
 */
record MessageTopics(
        KafkaProducer<byte[], byte[]> producer,
        KafkaMessageLog log,
        Map<String, Integer> partitions,
        RetainedIndex retainedIndex,
        RetainedReader retainedReader) {

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
                });
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
        return new MessageTopics(producer, log, Map.copyOf(partitions), retainedIndex, retainedReader);
    }
}
