package io.wharf.schemas.analytics;

import java.time.Duration;
import java.time.Instant;

/**
 * What the messages matching one topic filter amounted to in one tumbling window: a record of
 * {@code mqtt.analytics}, keyed by the filter. A message counts once for every configured filter it
 * matches, so the records of one window do not add up to the message total.
 *
 * @param v format version; new fields are optional, so readers accept any version
 * @param filter the MQTT topic filter, as configured
 * @param windowStart the first instant of the window (inclusive)
 * @param windowEnd the end of the window (exclusive)
 * @param count messages whose topic matched the filter in the window
 * @param bytes their payload bytes
 * @param bytesPerSecond {@code bytes} divided by the window's length in seconds
 */
public record FilterWindowStats(
        int v, String filter, Instant windowStart, Instant windowEnd, long count, long bytes, double bytesPerSecond) {

    public static final int VERSION = 1;

    public static FilterWindowStats of(String filter, Instant windowStart, Instant windowEnd, long count, long bytes) {
        double seconds = Duration.between(windowStart, windowEnd).toMillis() / 1000.0;
        return new FilterWindowStats(
                VERSION, filter, windowStart, windowEnd, count, bytes, seconds > 0 ? bytes / seconds : 0);
    }
}
