package io.wharf.edge.shared;

import io.wharf.edge.message.LoggedMessage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One message of a shared subscription offered to one member. The member settles it once, from
 * any thread: {@link #refused} (it cannot take it now), or, after taking it, {@link #accepted}
 * (the client has it) or {@link #released} (it will not get it; another member should). Later
 * calls are ignored, so a member may report the same outcome twice without harm.
 */
public final class SharedDelivery {

    /** How a member settled a delivery. */
    public enum Outcome {
        ACCEPTED,
        RELEASED,
        REFUSED
    }

    private final LoggedMessage message;
    private final BiConsumer<SharedDelivery, Outcome> settle;
    private final AtomicBoolean settled = new AtomicBoolean();

    public SharedDelivery(LoggedMessage message, BiConsumer<SharedDelivery, Outcome> settle) {
        this.message = message;
        this.settle = settle;
    }

    public LoggedMessage message() {
        return message;
    }

    /** The client has the message (or must not get it again, for example it refused it). */
    public void accepted() {
        settle(Outcome.ACCEPTED);
    }

    /** The member took the message but leaves without the client having it. */
    public void released() {
        settle(Outcome.RELEASED);
    }

    /** The member cannot take the message now: its window is full or it is going away. */
    public void refused() {
        settle(Outcome.REFUSED);
    }

    private void settle(Outcome outcome) {
        if (settled.compareAndSet(false, true)) {
            settle.accept(this, outcome);
        }
    }
}
