package io.wharf.edge.protocol;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The replies to one client's QoS 1 and 2 PUBLISH packets (PUBACK, PUBREC), handed out in the order
 * the packets arrived whatever order the messages were stored in ([MQTT-4.6.0-2],
 * [MQTT-4.6.0-3]): messages of one client go to different Kafka partitions, whose acknowledgements
 * come back in any order.
 *
 * <p>Slots are added and drained on the connection's thread; a slot may be completed from any
 * thread (the producer's), which says whether a drain must be scheduled, so that many replies
 * completed together cost one drain (and one flush).
 *
 * @param <S> a packet's place in line, which knows its reply once complete
 */
final class ReplyOrder<S extends ReplyOrder.Slot> {

    /** The place of one packet's reply; a subclass holds what the reply is made of. */
    abstract static class Slot {
        private volatile boolean complete;
    }

    private final Queue<S> slots = new ArrayDeque<>();
    private final AtomicBoolean drainDue = new AtomicBoolean();

    /** Takes the next place in line, for a packet that just arrived. Connection thread only. */
    void add(S slot) {
        slots.add(slot);
    }

    /**
     * Marks a slot's reply known; what the slot holds must be set before. Any thread.
     *
     * @return true when the caller must schedule a {@link #drain} on the connection's thread; false
     *     when one is due already
     */
    boolean complete(S slot) {
        ((Slot) slot).complete = true;
        return drainDue.compareAndSet(false, true);
    }

    /**
     * Hands every slot whose reply is known and whose turn it is to {@code out}, in arrival order;
     * slots behind one not yet known wait for it. Connection thread only.
     *
     * @return how many were handed out
     */
    int drain(Consumer<? super S> out) {
        drainDue.set(false);
        int handed = 0;
        S head;
        while ((head = slots.peek()) != null && ((Slot) head).complete) {
            slots.remove();
            out.accept(head);
            handed++;
        }
        return handed;
    }

    /** Packets whose replies have not been handed out yet. Connection thread only. */
    int waiting() {
        return slots.size();
    }
}
