package io.wharf.edge.kafka;

import io.wharf.edge.retained.RetainedIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted retained topic into the {@link RetainedIndex}: every partition, from the
 * beginning to the end offsets taken at start (then the edge is ready), and on after that so that
 * retained messages set through other edges arrive too.
 */
public final class RetainedReader implements TopicFollower.Handler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetainedReader.class);

    private final TopicFollower follower;
    private final String topic;
    private final RetainedIndex index;

    public RetainedReader(Consumer<byte[], byte[]> consumer, String topic, RetainedIndex index) {
        this.topic = topic;
        this.index = index;
        this.follower = new TopicFollower("wharf-retained-reader", consumer, topic, this);
    }

    /**
     * Starts reading and waits until everything retained before now is in the index.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean startAndAwaitLoaded(Duration timeout) throws InterruptedException {
        boolean loaded = follower.startFromBeginning(timeout);
        if (loaded) {
            log.info("Loaded {} retained messages from {}", index.size(), topic);
        }
        return loaded;
    }

    @Override
    public void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String mqttTopic = new String(record.key(), StandardCharsets.UTF_8);
        index.apply(mqttTopic, RecordMapping.fromRetainedRecord(record), record.offset());
    }

    @Override
    public void close() {
        follower.close();
    }
}
