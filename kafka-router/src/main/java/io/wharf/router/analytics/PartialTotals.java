package io.wharf.router.analytics;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one stream task counted for one filter in one window since it last handed its counts on:
 * messages, payload bytes, and the latest message's timestamp (which the handed-on record carries,
 * so that windows downstream close as the messages' own time moves on).
 */
record PartialTotals(long count, long bytes, long latestTimestampMs) {

    static PartialTotals first(long payloadBytes, long timestampMs) {
        return new PartialTotals(1, payloadBytes, timestampMs);
    }

    PartialTotals plus(long payloadBytes, long timestampMs) {
        return new PartialTotals(count + 1, bytes + payloadBytes, Math.max(latestTimestampMs, timestampMs));
    }

    /** Three longs, fixed width: written and read for every message, so no JSON. */
    static Serde<PartialTotals> serde() {
        Serializer<PartialTotals> serializer = (topic, totals) -> totals == null
                ? null
                : ByteBuffer.allocate(3 * Long.BYTES)
                        .putLong(totals.count)
                        .putLong(totals.bytes)
                        .putLong(totals.latestTimestampMs)
                        .array();
        Deserializer<PartialTotals> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(data);
            return new PartialTotals(buffer.getLong(), buffer.getLong(), buffer.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
