package io.wharf.edge.kafka;

import io.wharf.edge.admin.TopicRates;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.analytics.FilterWindowStats;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the router's analytics topic, from an hour back, into the {@link TopicRates} the admin
 * API and the dashboard show.
 */
public final class AnalyticsReader implements TopicFollower.Handler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsReader.class);

    /** How far back a starting edge reads: enough for the dashboard's chart of one-minute windows. */
    static final Duration LOOK_BACK = Duration.ofHours(1);

    private final WharfTopic<String, FilterWindowStats> topic;
    private final TopicRates rates;
    private final TopicFollower follower;

    public AnalyticsReader(
            Consumer<byte[], byte[]> consumer, WharfTopic<String, FilterWindowStats> topic, TopicRates rates) {
        this.topic = topic;
        this.rates = rates;
        this.follower = new TopicFollower("wharf-analytics-reader", consumer, topic.name(), this);
    }

    public void start(Instant now) {
        follower.startFrom(now.minus(LOOK_BACK));
    }

    @Override
    public void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            rates.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
        } catch (RuntimeException e) {
            log.debug(
                    "Skipping an unreadable record of {} at offset {}: {}",
                    topic.name(),
                    record.offset(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
