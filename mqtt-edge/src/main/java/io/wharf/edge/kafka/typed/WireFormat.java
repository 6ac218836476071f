package io.wharf.edge.kafka.typed;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The schema registry's wire format, which Kafka Streams, Flink, Spark and Kafka Connect
 * deserializers read: magic byte 0, the schema's id in 4 bytes (big-endian), then the body.
 */
public final class WireFormat {

    static final byte MAGIC = 0;
    static final int PREFIX_BYTES = 5;

    private WireFormat() {}

    public static byte[] frame(int schemaId, byte[] body) {
        return ByteBuffer.allocate(PREFIX_BYTES + body.length)
                .put(MAGIC)
                .putInt(schemaId)
                .put(body)
                .array();
    }

    /** @return null when {@code value} does not start with the wire format's prefix */
    public static Framed unframe(byte[] value) {
        if (value == null || value.length < PREFIX_BYTES || value[0] != MAGIC) {
            return null;
        }
        return new Framed(ByteBuffer.wrap(value, 1, 4).getInt(), Arrays.copyOfRange(value, PREFIX_BYTES, value.length));
    }

    /** A value in the wire format: the schema's id and the body it frames. */
    public record Framed(int schemaId, byte[] body) {}
}
