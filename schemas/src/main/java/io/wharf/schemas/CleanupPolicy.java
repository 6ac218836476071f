package io.wharf.schemas;

/** How Kafka keeps the records of a Wharf topic. */
public enum CleanupPolicy {
    /** Records are removed when they fall out of the retention window. */
    DELETE("delete"),
    /** Only the newest record of each key is kept; a null value deletes the key. */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Kafka's {@code cleanup.policy} topic setting. */
    public String configValue() {
        return configValue;
    }
}
