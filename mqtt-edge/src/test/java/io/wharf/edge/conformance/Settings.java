package io.wharf.edge.conformance;

import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Builds the {@link ProtocolSettings} a test needs: the defaults, with the few values it changes. */
public final class Settings {

    private int maxPacketSize;
    private Duration connectTimeout;
    private int maxClientIdLength;
    private int receiveMaximum;
    private int maxInFlight;
    private int topicAliasMaximum;
    private int maxKeepAliveSeconds;
    private long maxSessionExpirySeconds;
    private List<TopicFilter> deniedSubscriptions;
    private int catchUpBatch;

    private Settings(ProtocolSettings from) {
        maxPacketSize = from.maxPacketSize();
        connectTimeout = from.connectTimeout();
        maxClientIdLength = from.maxClientIdLength();
        receiveMaximum = from.receiveMaximum();
        maxInFlight = from.maxInFlight();
        topicAliasMaximum = from.topicAliasMaximum();
        maxKeepAliveSeconds = from.maxKeepAliveSeconds();
        maxSessionExpirySeconds = from.maxSessionExpirySeconds();
        deniedSubscriptions = from.deniedSubscriptions();
        catchUpBatch = from.catchUpBatch();
    }

    public static Settings defaults() {
        return new Settings(ProtocolSettings.defaults());
    }

    public Settings maxPacketSize(int bytes) {
        maxPacketSize = bytes;
        return this;
    }

    public Settings connectTimeout(Duration timeout) {
        connectTimeout = timeout;
        return this;
    }

    public Settings maxClientIdLength(int characters) {
        maxClientIdLength = characters;
        return this;
    }

    public Settings receiveMaximum(int messages) {
        receiveMaximum = messages;
        return this;
    }

    public Settings topicAliasMaximum(int aliases) {
        topicAliasMaximum = aliases;
        return this;
    }

    public Settings maxKeepAliveSeconds(int seconds) {
        maxKeepAliveSeconds = seconds;
        return this;
    }

    public Settings maxSessionExpirySeconds(long seconds) {
        maxSessionExpirySeconds = seconds;
        return this;
    }

    public Settings deniedSubscriptions(String... filters) {
        deniedSubscriptions = Arrays.stream(filters).map(TopicFilter::parse).toList();
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
                catchUpBatch);
    }
}
