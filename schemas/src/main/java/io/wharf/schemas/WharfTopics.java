package io.wharf.schemas;

import io.wharf.schemas.analytics.FilterWindowStats;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.session.SessionRecord;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The Kafka topics Wharf owns, named under a common prefix ({@code mqtt.} by default).
 *
 * <p>Message and retained records are the MQTT payload byte for byte with MQTT metadata in headers
 * ({@link MessageHeaders}); the other topics hold JSON records of this module's types.
 */
public record WharfTopics(String prefix) {

    public static final String DEFAULT_PREFIX = "mqtt.";

    public static WharfTopics withDefaultPrefix() {
        return new WharfTopics(DEFAULT_PREFIX);
    }

    /** Every MQTT message: key = MQTT topic, value = the payload byte for byte. */
    public WharfTopic<String, byte[]> messages() {
        return new WharfTopic<>(prefix + "messages", CleanupPolicy.DELETE, Serdes.String(), Serdes.ByteArray());
    }

    /** The newest retained message of each MQTT topic; an empty payload becomes a tombstone. */
    public WharfTopic<String, byte[]> retained() {
        return new WharfTopic<>(prefix + "retained", CleanupPolicy.COMPACT, Serdes.String(), Serdes.ByteArray());
    }

    /** Session state, claims and releases, keyed by client id. */
    public WharfTopic<String, SessionRecord> sessions() {
        return new WharfTopic<>(
                prefix + "sessions", CleanupPolicy.COMPACT, Serdes.String(), new JsonSerde<>(SessionRecord.class));
    }

    /**
     * Reserved for wills, keyed by client id. Wills travel inside the session records instead (see
     * {@link io.wharf.schemas.session.SessionState#will()}), so that a will and the claims that
     * decide its fate are ordered in one partition; nothing writes here yet.
     */
    public WharfTopic<String, byte[]> wills() {
        return new WharfTopic<>(prefix + "wills", CleanupPolicy.COMPACT, Serdes.String(), Serdes.ByteArray());
    }

    /** Heartbeats and admin commands, keyed by edge id. */
    public WharfTopic<String, ClusterEvent> cluster() {
        return new WharfTopic<>(
                prefix + "cluster", CleanupPolicy.DELETE, Serdes.String(), new JsonSerde<>(ClusterEvent.class));
    }

    /** Per-topic-filter message counts and byte rates over tumbling windows, keyed by filter. */
    public WharfTopic<String, FilterWindowStats> analytics() {
        return new WharfTopic<>(
                prefix + "analytics", CleanupPolicy.DELETE, Serdes.String(), new JsonSerde<>(FilterWindowStats.class));
    }

    /**
     * The users and access rules every edge applies, keyed as {@link io.wharf.schemas.auth.AuthKeys}
     * says; a tombstone removes a user or a rule.
     */
    public WharfTopic<String, AuthEntry> auth() {
        return new WharfTopic<>(
                prefix + "auth", CleanupPolicy.COMPACT, Serdes.String(), new JsonSerde<>(AuthEntry.class));
    }

    public List<WharfTopic<?, ?>> all() {
        return List.of(messages(), retained(), sessions(), wills(), cluster(), analytics(), auth());
    }
}
