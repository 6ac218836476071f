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
 * <p>Slots are taken and replies drained on the connection's thread; a reply may be filled in from
 * any thread (the producer's), and says whether a drain must be scheduled, so that many replies
 * completed together cost one drain (and one flush).
 *
 * @param <R> a reply
 */
final class ReplyOrder<R> {

    /** The place of one packet's reply. */
    static final class Slot<R> {
        private volatile R reply;
    }

    private final Queue<Slot<R>> slots = new ArrayDeque<>();
    private final AtomicBoolean drainDue = new AtomicBoolean();

    /** Takes the next place in line, for a packet that just arrived. Connection thread only. */
    Slot<R> next() {
        Slot<R> slot = new Slot<>();
        slots.add(slot);
        return slot;
    }

    /**
     * Fills in a slot's reply. Any thread.
     *
     * @return true when the caller must schedule a {@link #drain} on the connection's thread; false
     *     when one is due already
     */
    boolean complete(Slot<R> slot, R reply) {
        if (reply == null) {
            throw new IllegalArgumentException("a reply is needed");
        }
        slot.reply = reply;
        return drainDue.compareAndSet(false, true);
    }

    /**
     * Hands every reply that is its turn to {@code out}, in arrival order; replies behind one not
     * yet known wait for it. Connection thread only.
     *
     * @return how many were handed out
     */
    int drain(Consumer<? super R> out) {
        drainDue.set(false);
        int handed = 0;
        Slot<R> head;
        while ((head = slots.peek()) != null && head.reply != null) {
            slots.remove();
            out.accept(head.reply);
            handed++;
        }
        return handed;
    }

    /** Packets whose replies have not been handed out yet. Connection thread only. */
    int waiting() {
        return slots.size();
    }
}
