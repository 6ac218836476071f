package io.wharf.edge.limits;

import java.util.concurrent.atomic.AtomicInteger;

/** The connections an edge admits at once: a CONNECT takes a slot, the closed connection gives it back. */
public final class ConnectionSlots {

    private final int max;
    private final AtomicInteger taken = new AtomicInteger();

    public ConnectionSlots(int max) {
        this.max = max;
    }

    /** Takes a slot if one is free; thread-safe. */
    public boolean tryTake() {
        while (true) {
            int now = taken.get();
            if (now >= max) {
                return false;
            }
            if (taken.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot {@link #tryTake} took. */
    public void giveBack() {
        taken.decrementAndGet();
    }

    public int taken() {
        return taken.get();
    }
}
