package io.wharf.loadtest.measure;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The payload every load message carries: the {@link System#nanoTime()} at which it was meant to
 * be sent, then zero padding up to the asked size. Publishers and receivers run in one JVM, so the
 * latency is read on one clock. Stamping the intended time rather than the actual one keeps a
 * publisher that falls behind from hiding the delay (coordinated omission).
 */
public final class Probe {

    /** The smallest payload that can carry a probe. */
    public static final int MIN_SIZE = Long.BYTES;

    private Probe() {}

    /** A payload of {@code size} bytes (at least {@link #MIN_SIZE}) stamped with {@code sentNanos}. */
    public static ByteBuf payload(int size, long sentNanos) {
        ByteBuf buffer = Unpooled.buffer(Math.max(size, MIN_SIZE));
        buffer.writeLong(sentNanos);
        buffer.writeZero(buffer.capacity() - MIN_SIZE);
        return buffer;
    }

    /** The same payload as a byte array, for producers that take one (Kafka). */
    public static byte[] bytes(int size, long sentNanos) {
        byte[] bytes = new byte[Math.max(size, MIN_SIZE)];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte) (sentNanos >>> (56 - 8 * i));
        }
        return bytes;
    }

    /** The stamp of a received payload, or -1 when it is too short to hold one. */
    public static long sentNanos(ByteBuf payload) {
        if (payload.readableBytes() < MIN_SIZE) {
            return -1;
        }
        return payload.getLong(payload.readerIndex());
    }
}
