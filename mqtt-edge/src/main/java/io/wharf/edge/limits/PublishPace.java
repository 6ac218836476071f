package io.wharf.edge.limits;

import java.util.Optional;

/**
 * One client's publish budget, in messages and in payload bytes per second. A message past the
 * budget is still taken; the answer tells how long the edge should stop reading from the client so
 * that, on average, it keeps to the rate. Used on the connection's event loop only.
 */
public final class PublishPace {

    private final TokenBucket messages;
    private final TokenBucket bytes;

    private PublishPace(TokenBucket messages, TokenBucket bytes) {
        this.messages = messages;
        this.bytes = bytes;
    }

    /** The pace of the settings' rates, or empty when both are off. */
    public static Optional<PublishPace> of(LimitSettings settings, long nowNanos) {
        if (settings.publishRate() == 0 && settings.publishBytesRate() == 0) {
            return Optional.empty();
        }
        return Optional.of(new PublishPace(
                settings.publishRate() == 0 ? null : new TokenBucket(settings.publishRate(), nowNanos),
                settings.publishBytesRate() == 0 ? null : new TokenBucket(settings.publishBytesRate(), nowNanos)));
    }

    /**
     * Counts one message of {@code payloadBytes}.
     *
     * @return the pause it calls for, or empty while the client keeps within both rates
     */
    public Optional<Pause> publish(int payloadBytes, long nowNanos) {
        long messageDebt = messages == null ? 0 : messages.take(1, nowNanos);
        long byteDebt = bytes == null ? 0 : bytes.take(payloadBytes, nowNanos);
        if (messageDebt == 0 && byteDebt == 0) {
            return Optional.empty();
        }
        return Optional.of(
                messageDebt >= byteDebt
                        ? new Pause(Limit.PUBLISH_RATE, messageDebt)
                        : new Pause(Limit.PUBLISH_BYTES_RATE, byteDebt));
    }

    /** How long until both budgets are out of debt: 0 once reading may go on. */
    public long remainingNanos(long nowNanos) {
        return Math.max(
                messages == null ? 0 : messages.debtNanos(nowNanos), bytes == null ? 0 : bytes.debtNanos(nowNanos));
    }

    /**
     * A stop in reading.
     *
     * @param limit the rate that called for it
     * @param nanos how long
     */
    public record Pause(Limit limit, long nanos) {}
}
