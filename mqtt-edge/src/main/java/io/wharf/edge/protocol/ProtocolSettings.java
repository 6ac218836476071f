package io.wharf.edge.protocol;

import io.wharf.edge.limits.LimitSettings;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The MQTT limits and choices of an edge.
 *
 * @param maxPacketSize the largest packet accepted from a client, in bytes (MQTT 5 Maximum Packet
 *     Size in CONNACK)
 * @param connectTimeout how long a new connection may take to send CONNECT
 * @param maxClientIdLength the longest client identifier accepted, in characters
 * @param receiveMaximum how many QoS 1 and 2 messages a client may have unacknowledged towards the
 *     edge (MQTT 5 Receive Maximum in CONNACK); more is a protocol violation (DISCONNECT 0x93)
 * @param maxInFlight the most QoS 1 and 2 messages the edge has unacknowledged towards one client,
 *     whatever the client's own Receive Maximum
 * @param topicAliasMaximum how many topic aliases a client may use towards the edge
 * @param maxKeepAliveSeconds 0 for no limit; otherwise a longer keep-alive asked for is cut to this
 *     (MQTT 5 Server Keep Alive)
 * @param maxSessionExpirySeconds the longest a session outlives its connection, for MQTT 3 persistent
 *     sessions and as a cap on MQTT 5's Session Expiry Interval
 * @param deniedSubscriptions subscriptions that reach into any of these filters are refused (SUBACK
 *     0x80 in 3.1.1, 0x87 Not authorized in 5.0)
 * @param catchUpBatch how many records a session reads from the log at a time when catching up
 * @param limits what one client, or one source address, may cost the edge
 */
public record ProtocolSettings(
        int maxPacketSize,
        Duration connectTimeout,
        int maxClientIdLength,
        int receiveMaximum,
        int maxInFlight,
        int topicAliasMaximum,
        int maxKeepAliveSeconds,
        long maxSessionExpirySeconds,
        List<TopicFilter> deniedSubscriptions,
        int catchUpBatch,
        LimitSettings limits) {

    public static final int DEFAULT_MAX_PACKET_SIZE = 1024 * 1024;

    public ProtocolSettings {
        deniedSubscriptions = List.copyOf(deniedSubscriptions);
    }

    public static ProtocolSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .maxPacketSize(maxPacketSize)
                .connectTimeout(connectTimeout)
                .maxClientIdLength(maxClientIdLength)
                .receiveMaximum(receiveMaximum)
                .maxInFlight(maxInFlight)
                .topicAliasMaximum(topicAliasMaximum)
                .maxKeepAliveSeconds(maxKeepAliveSeconds)
                .maxSessionExpirySeconds(maxSessionExpirySeconds)
                .deniedSubscriptions(deniedSubscriptions)
                .catchUpBatch(catchUpBatch)
                .limits(limits);
    }

    /** The defaults, with whatever a caller changes. */
    public static final class Builder {

        private int maxPacketSize = DEFAULT_MAX_PACKET_SIZE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxClientIdLength = 256;
        private int receiveMaximum = 1024;
        private int maxInFlight = 1024;
        private int topicAliasMaximum = 64;
        private int maxKeepAliveSeconds = 0;
        private long maxSessionExpirySeconds = Duration.ofDays(7).toSeconds();
        private List<TopicFilter> deniedSubscriptions = List.of();
        private int catchUpBatch = 256;
        private LimitSettings limits = LimitSettings.defaults();

        private Builder() {}

        public Builder maxPacketSize(int bytes) {
            maxPacketSize = bytes;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            connectTimeout = timeout;
            return this;
        }

        public Builder maxClientIdLength(int characters) {
            maxClientIdLength = characters;
            return this;
        }

        public Builder receiveMaximum(int messages) {
            receiveMaximum = messages;
            return this;
        }

        public Builder maxInFlight(int messages) {
            maxInFlight = messages;
            return this;
        }

        public Builder topicAliasMaximum(int aliases) {
            topicAliasMaximum = aliases;
            return this;
        }

        public Builder maxKeepAliveSeconds(int seconds) {
            maxKeepAliveSeconds = seconds;
            return this;
        }

        public Builder maxSessionExpirySeconds(long seconds) {
            maxSessionExpirySeconds = seconds;
            return this;
        }

        public Builder deniedSubscriptions(List<TopicFilter> filters) {
            deniedSubscriptions = filters;
            return this;
        }

        public Builder deniedSubscriptions(String... filters) {
            return deniedSubscriptions(
                    Arrays.stream(filters).map(TopicFilter::parse).toList());
        }

        public Builder catchUpBatch(int records) {
            catchUpBatch = records;
            return this;
        }

        public Builder limits(LimitSettings settings) {
            limits = settings;
            return this;
        }

        public ProtocolSettings build() {
            return new ProtocolSettings(
                    maxPacketSize,
                    connectTimeout,
                    maxClientIdLength,
                    receiveMaximum,
                    maxInFlight,
                    topicAliasMaximum,
                    maxKeepAliveSeconds,
                    maxSessionExpirySeconds,
                    deniedSubscriptions,
                    catchUpBatch,
                    limits);
        }
    }
}
