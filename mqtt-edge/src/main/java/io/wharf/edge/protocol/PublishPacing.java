package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.limits.PublishPace;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps a client to its publish rates by reading from it slower: a message past its budget is
 * handled as any other, then reading stops until the budget has refilled (a task on the channel's
 * event loop resumes it). Nothing is dropped: what the client sends meanwhile waits in its socket.
 * Used on the channel's event loop only.
 */
final class PublishPacing {

    private static final PublishPacing OFF = new PublishPacing(null, null, null, null, null);

    private final Channel channel;
    private final ReadPauses pauses;
    private final PublishPace pace;
    private final EdgeLimits limits;
    private final LongSupplier nanoTime;

    private PublishPacing(
            Channel channel, ReadPauses pauses, PublishPace pace, EdgeLimits limits, LongSupplier nanoTime) {
        this.channel = channel;
        this.pauses = pauses;
        this.pace = pace;
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    static PublishPacing of(Channel channel, ReadPauses pauses, EdgeLimits limits) {
        return of(channel, pauses, limits, System::nanoTime);
    }

    /** @param nanoTime the clock the budget refills by, {@link System#nanoTime()} but in tests */
    static PublishPacing of(Channel channel, ReadPauses pauses, EdgeLimits limits, LongSupplier nanoTime) {
        return PublishPace.of(limits.settings(), nanoTime.getAsLong())
                .map(pace -> new PublishPacing(channel, pauses, pace, limits, nanoTime))
                .orElse(OFF);
    }

    /** Counts a PUBLISH the client sent, and stops reading if it went past its budget. */
    void published(int payloadBytes) {
        if (pace == null) {
            return;
        }
        Optional<PublishPace.Pause> pause = pace.publish(payloadBytes, nanoTime.getAsLong());
        if (pause.isEmpty() || pauses.isPaused(ReadPauses.Reason.PUBLISH_RATE)) {
            return; // within budget, or a resume is scheduled already and will see the new debt
        }
        limits.count(pause.get().limit());
        pauses.pause(ReadPauses.Reason.PUBLISH_RATE);
        resumeAfter(pause.get().nanos());
    }

    private void resumeAfter(long nanos) {
        channel.eventLoop().schedule(this::resumeIfPaidOff, nanos, TimeUnit.NANOSECONDS);
    }

    /** Packets read before the pause took effect may have added debt: wait that off too. */
    private void resumeIfPaidOff() {
        if (!channel.isActive()) {
            return;
        }
        long remaining = pace.remainingNanos(nanoTime.getAsLong());
        if (remaining > 0) {
            resumeAfter(remaining);
        } else {
            pauses.resume(ReadPauses.Reason.PUBLISH_RATE);
        }
    }
}
