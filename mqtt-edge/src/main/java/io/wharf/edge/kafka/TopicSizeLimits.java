package io.wharf.edge.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The largest record each Kafka topic the edge writes messages to accepts ({@code
 * max.message.bytes}), read once at start, and what that leaves for an MQTT packet: a client told
 * a Maximum Packet Size no larger than that never sends what Kafka must refuse.
 *
 * @param bytesByTopic {@code max.message.bytes} of each topic
 * @param maxRequestSize the producer's own {@code max.request.size}, which bounds every record too
 */
public record TopicSizeLimits(Map<String, Integer> bytesByTopic, int maxRequestSize) {

    /**
     * What a record needs beyond the MQTT packet's topic and payload: the batch header (61 bytes)
     * and the record's framing (up to 21), and the headers the edge adds (QoS, retain, a client id
     * of up to 256 characters, MQTT 5 properties). A PUBLISH's own header and properties count
     * towards its packet size too, so this leaves room to spare in most cases; a record that still
     * does not fit is refused by Kafka and answered as too large.
     */
    static final int RECORD_OVERHEAD = 1024;

    private static final long UNKNOWN_TOPIC_RETRY_MS = 100;

    /** The producer's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /** Nothing known: no limit besides the producer's default. */
    public static final TopicSizeLimits UNKNOWN = new TopicSizeLimits(Map.of(), DEFAULT_MAX_REQUEST_SIZE);

    public TopicSizeLimits {
        bytesByTopic = Map.copyOf(bytesByTopic);
    }

    /**
     * Reads {@code max.message.bytes} of {@code topics} (the broker's default where a topic has
     * none of its own).
     *
     * @throws IllegalStateException when Kafka does not answer within {@code timeout}, or a topic
     *     is missing
     */
    public static TopicSizeLimits read(Admin admin, Collection<String> topics, int maxRequestSize, Duration timeout)
            throws InterruptedException {
        List<ConfigResource> resources = topics.stream()
                .distinct()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Map<ConfigResource, Config> configs;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                break;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                // a topic created a moment ago may not be known to the broker asked yet
                if (!(cause instanceof UnknownTopicOrPartitionException) || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "Could not read max.message.bytes of the Kafka topics " + topics + ": " + cause, cause);
                }
                TimeUnit.MILLISECONDS.sleep(UNKNOWN_TOPIC_RETRY_MS);
            }
        }
        Map<String, Integer> limits = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null) {
                limits.put(resource.name(), Integer.parseInt(entry.value()));
            }
        });
        return new TopicSizeLimits(limits, maxRequestSize);
    }

    /** The limit of one topic, or -1 when it is not known. */
    public long limitOf(String topic) {
        Integer bytes = bytesByTopic.get(topic);
        return bytes == null ? -1 : bytes;
    }

    /**
     * The Maximum Packet Size an edge configured with {@code configured} can promise: never more
     * than the smallest topic limit (or the producer's request size), less the record overhead
     * (or a quarter of a limit under 4 KiB).
     */
    public int maxPacketSize(int configured) {
        int smallest =
                bytesByTopic.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
        int recordLimit = Math.min(smallest, maxRequestSize);
        // A topic of small records keeps three quarters of its limit: the overhead of a short message is small too.
        int overhead = Math.min(RECORD_OVERHEAD, recordLimit / 4);
        return Math.max(1, Math.min(configured, recordLimit - overhead));
    }

    /** Which limit binds, in words: for the log line that says why the packet size shrank. */
    public String bindingLimit() {
        return bytesByTopic.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .filter(smallest -> smallest.getValue() < maxRequestSize)
                .map(smallest -> "Kafka topic " + smallest.getKey() + " takes records of at most " + smallest.getValue()
                        + " bytes (max.message.bytes)")
                .orElse("the producer's max.request.size is " + maxRequestSize + " bytes");
    }
}
