package io.wharf.edge.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that all connections whose CONNECT is not accepted yet may hold between them. A
 * CONNECT may declare up to the maximum packet size, and what arrives of it stays in the edge
 * until the packet is whole or the connect timeout ends the connection; without this budget
 * thousands of sockets sending large CONNECTs slowly could fill the edge's memory. Thread-safe.
 */
public final class ConnectingBytes {

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    public ConnectingBytes(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget, or nothing and false when they do not fit. */
    public boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #reserve} took. */
    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes taken now. */
    public long held() {
        return held.get();
    }
}
