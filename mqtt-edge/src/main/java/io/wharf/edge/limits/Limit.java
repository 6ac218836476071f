package io.wharf.edge.limits;

/** A limit on what one client may cost the edge, by the name its setting and its metric share. */
public enum Limit {
    MAX_CONNECTIONS("max-connections"),
    CONNECTION_RATE("connection-rate"),
    MAX_SUBSCRIPTIONS("max-subscriptions"),
    MAX_TOPIC_LENGTH("max-topic-length"),
    MAX_TOPIC_LEVELS("max-topic-levels"),
    PUBLISH_RATE("publish-rate"),
    PUBLISH_BYTES_RATE("publish-bytes-rate"),
    MAX_QUEUED_BYTES("max-queued-bytes"),
    MAX_CONNECTING_BYTES("max-connecting-bytes");

    private final String key;

    Limit(String key) {
        this.key = key;
    }

    /** The setting's name, also the {@code limit} tag of {@code wharf_limit_hits_total}. */
    public String key() {
        return key;
    }
}
