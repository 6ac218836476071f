package io.wharf.edge.limits;

/**
 * What one client, or one source address, may cost the edge. A rate of 0 turns that limit off.
 *
 * @param maxConnections MQTT connections this edge holds at once; past it CONNECT is refused
 * @param connectionRate new connections per second from one source address (the PROXY header's
 *     behind a load balancer), with a burst of one second's worth
 * @param maxSubscriptions subscriptions (own and shared) one session may hold
 * @param maxTopicLength the longest topic name or filter, in UTF-8 bytes
 * @param maxTopicLevels the most levels a topic name or filter may have
 * @param publishRate PUBLISH packets per second one client may send before the edge reads slower
 * @param publishBytesRate payload bytes per second one client may send before the edge reads slower
 * @param maxQueuedBytes bytes queued towards one client before the edge stops writing to it (the
 *     socket's write-buffer high-water mark)
 * @param maxConnectingBytes bytes all connections whose CONNECT is not accepted yet may have sent
 *     between them; past it the connection that sends more is closed
 */
public record LimitSettings(
        int maxConnections,
        int connectionRate,
        int maxSubscriptions,
        int maxTopicLength,
        int maxTopicLevels,
        int publishRate,
        long publishBytesRate,
        int maxQueuedBytes,
        long maxConnectingBytes) {

    public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1000;
    public static final int DEFAULT_MAX_TOPIC_LENGTH = 4096;
    public static final int DEFAULT_MAX_TOPIC_LEVELS = 64;
    /** Netty's own default high-water mark. */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 64 * 1024;
    /** Room for 16,000 connections a second with a 4 KiB CONNECT each. */
    public static final long DEFAULT_MAX_CONNECTING_BYTES = 64L * 1024 * 1024;

    public LimitSettings {
        if (maxConnections < 1 || maxSubscriptions < 1 || maxTopicLength < 1 || maxTopicLevels < 1) {
            throw new IllegalArgumentException("connection, subscription and topic limits must be at least 1");
        }
        if (connectionRate < 0 || publishRate < 0 || publishBytesRate < 0) {
            throw new IllegalArgumentException("a rate is 0 (off) or more");
        }
        if (maxQueuedBytes < 2) {
            throw new IllegalArgumentException("max queued bytes must be at least 2");
        }
        if (maxConnectingBytes < 1) {
            throw new IllegalArgumentException("max connecting bytes must be at least 1");
        }
    }

    /** Limits that suit a laptop: generous bounds, no rates. */
    public static LimitSettings defaults() {
        return new LimitSettings(
                DEFAULT_MAX_CONNECTIONS,
                0,
                DEFAULT_MAX_SUBSCRIPTIONS,
                DEFAULT_MAX_TOPIC_LENGTH,
                DEFAULT_MAX_TOPIC_LEVELS,
                0,
                0,
                DEFAULT_MAX_QUEUED_BYTES,
                DEFAULT_MAX_CONNECTING_BYTES);
    }

    public LimitSettings withMaxConnections(int connections) {
        return new LimitSettings(
                connections,
                connectionRate,
                maxSubscriptions,
                maxTopicLength,
                maxTopicLevels,
                publishRate,
                publishBytesRate,
                maxQueuedBytes,
                maxConnectingBytes);
    }

    public LimitSettings withConnectionRate(int perSecond) {
        return new LimitSettings(
                maxConnections,
                perSecond,
                maxSubscriptions,
                maxTopicLength,
                maxTopicLevels,
                publishRate,
                publishBytesRate,
                maxQueuedBytes,
                maxConnectingBytes);
    }

    public LimitSettings withMaxSubscriptions(int subscriptions) {
        return new LimitSettings(
                maxConnections,
                connectionRate,
                subscriptions,
                maxTopicLength,
                maxTopicLevels,
                publishRate,
                publishBytesRate,
                maxQueuedBytes,
                maxConnectingBytes);
    }

    public LimitSettings withTopicLimits(int length, int levels) {
        return new LimitSettings(
                maxConnections,
                connectionRate,
                maxSubscriptions,
                length,
                levels,
                publishRate,
                publishBytesRate,
                maxQueuedBytes,
                maxConnectingBytes);
    }

    public LimitSettings withPublishRates(int messagesPerSecond, long bytesPerSecond) {
        return new LimitSettings(
                maxConnections,
                connectionRate,
                maxSubscriptions,
                maxTopicLength,
                maxTopicLevels,
                messagesPerSecond,
                bytesPerSecond,
                maxQueuedBytes,
                maxConnectingBytes);
    }

    public LimitSettings withMaxQueuedBytes(int bytes) {
        return new LimitSettings(
                maxConnections,
                connectionRate,
                maxSubscriptions,
                maxTopicLength,
                maxTopicLevels,
                publishRate,
                publishBytesRate,
                bytes,
                maxConnectingBytes);
    }

    public LimitSettings withMaxConnectingBytes(long bytes) {
        return new LimitSettings(
                maxConnections,
                connectionRate,
                maxSubscriptions,
                maxTopicLength,
                maxTopicLevels,
                publishRate,
                publishBytesRate,
                maxQueuedBytes,
                bytes);
    }

    /** The topic-length and topic-levels limits, as one decision. */
    public TopicLimits topics() {
        return new TopicLimits(maxTopicLength, maxTopicLevels);
    }
}
