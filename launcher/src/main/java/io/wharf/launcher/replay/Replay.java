package io.wharf.launcher.replay;

import io.wharf.edge.kafka.RecordMapping;
import io.wharf.edge.kafka.typed.RegistryClient;
import io.wharf.edge.kafka.typed.TypedTopics;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import io.wharf.schemas.topic.SubscriptionTrie;
import io.wharf.schemas.topic.TopicNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One run of {@code wharf replay}: streams the range from Kafka, keeps the messages whose topic
 * matches the filter, and hands them to the target in order, never holding the range in memory.
 */
final class Replay {

    /** The longest wait for the target's last acknowledgements, whatever the connect timeout. */
    private static final Duration MIN_FINISH_TIMEOUT = Duration.ofSeconds(60);

    private final ReplayRequest request;
    private final ReplayCounters counters = new ReplayCounters();
    private final SubscriptionTrie<Boolean, Boolean> filter = new SubscriptionTrie<>();

    Replay(ReplayRequest request) {
        this.request = request;
        filter.add(request.filter(), Boolean.TRUE, Boolean.TRUE);
    }

    /** The counters so far, readable from any thread (for a summary on Ctrl-C). */
    ReplayCounters counters() {
        return counters;
    }

    /**
     * Runs the replay to its end, showing progress on {@code err}.
     *
     * @throws ReplayFailedException when Kafka or the target fails so that the replay cannot go on
     */
    void run(PrintWriter err, boolean terminal) throws InterruptedException {
        try (HistoryReader reader = HistoryReader.open(
                        request.kafkaBootstrap(),
                        request.kafkaTopics(),
                        request.from(),
                        request.until(),
                        request.timeout(),
                        request.kafkaProperties());
                ReplaySink sink = openSink();
                ProgressPrinter progress = new ProgressPrinter(err, terminal, counters, reader.recordsInRange())) {
            Pacer pacer = request.pace() ? Pacer.realTime() : null;
            RecordMapping toMqtt = mqttRecordMapping();
            ConsumerRecord<byte[], byte[]> record;
            while ((record = reader.next()) != null) {
                counters.read.incrementAndGet();
                ApplicationMessage message = message(toMqtt, record);
                if (message == null || !TopicNames.isValidName(message.topic())) {
                    counters.skipped.incrementAndGet();
                    continue;
                }
                if (!matches(message.topic())) {
                    continue;
                }
                counters.matched.incrementAndGet();
                if (pacer != null) {
                    pacer.awaitTurn(record.timestamp());
                }
                sink.send(record, message);
            }
            sink.finish(request.timeout().compareTo(MIN_FINISH_TIMEOUT) > 0 ? request.timeout() : MIN_FINISH_TIMEOUT);
        }
    }

    /**
     * How records read for an MQTT target: typed topics' as the JSON devices sent, as an edge
     * delivers them; a Kafka target copies records as they are, so it needs none.
     */
    private RecordMapping mqttRecordMapping() {
        if (!(request.target() instanceof ReplayTarget.Mqtt)) {
            return null;
        }
        try {
            return new RecordMapping(TypedTopics.load(
                    request.mapping(), request.topics().prefix(), new RegistryClient(request.timeout())));
        } catch (IllegalArgumentException e) {
            throw new ReplayFailedException(e.getMessage(), e);
        }
    }

    private static ApplicationMessage message(RecordMapping toMqtt, ConsumerRecord<byte[], byte[]> record) {
        if (toMqtt == null) {
            return MessageCodec.fromRecord(record);
        }
        LoggedMessage read = toMqtt.read(record);
        return read == null ? null : read.message();
    }

    private ReplaySink openSink() throws InterruptedException {
        if (request.target() instanceof ReplayTarget.Mqtt mqtt) {
            return MqttSink.connect(mqtt, request::qosFor, counters, request.timeout());
        }
        ReplayTarget.Kafka kafka = (ReplayTarget.Kafka) request.target();
        return KafkaSink.open(request.kafkaBootstrap(), kafka.topic(), counters, request.timeout());
    }

    private boolean matches(String topic) {
        AtomicBoolean matched = new AtomicBoolean();
        filter.match(topic, (subscriber, options) -> matched.set(true));
        return matched.get();
    }
}
