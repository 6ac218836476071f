package io.wharf.edge.admin;

import java.time.Instant;
import java.util.List;

/**
 * One topic filter of the router's analytics as {@code GET /api/topics} shows it: its newest window
 * and the rates of the windows before it, oldest first.
 *
 * @param filter the MQTT topic filter the router counts by
 * @param windowStart the start of its newest window
 * @param windowEnd the end of its newest window
 * @param messages messages matching the filter in that window
 * @param bytes their payload bytes
 * @param messagesPerSecond {@code messages} over the window's length
 * @param bytesPerSecond {@code bytes} over the window's length
 * @param recent the newest windows, oldest first, the newest one included
 */
public record TopicRateView(
        String filter,
        Instant windowStart,
        Instant windowEnd,
        long messages,
        long bytes,
        double messagesPerSecond,
        double bytesPerSecond,
        List<WindowRate> recent) {

    public TopicRateView {
        recent = List.copyOf(recent);
    }

    /** One window's message rate. */
    public record WindowRate(Instant windowStart, double messagesPerSecond) {}
}
