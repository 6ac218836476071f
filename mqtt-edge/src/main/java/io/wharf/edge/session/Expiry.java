package io.wharf.edge.session;

import io.wharf.schemas.message.ApplicationMessage;

/** MQTT 5 message expiry: a message's interval counts from the time the edge received it. */
public final class Expiry {

    private Expiry() {}

    public static boolean hasExpired(ApplicationMessage message, long nowMs) {
        return remainingSeconds(message, nowMs) == 0;
    }

    /** Seconds left, or -1 for a message that never expires; 0 means expired. */
    public static long remainingSeconds(ApplicationMessage message, long nowMs) {
        Long interval = message.properties().expirySeconds();
        if (interval == null) {
            return -1;
        }
        long elapsedSeconds = Math.max(0, (nowMs - message.timestampMs()) / 1000);
        return Math.max(0, interval - elapsedSeconds);
    }
}
