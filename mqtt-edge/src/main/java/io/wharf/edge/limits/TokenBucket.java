package io.wharf.edge.limits;

/**
 * A budget that refills at a steady rate up to one second's worth. Taking more than is left runs
 * it into debt, and the answer says how long the debt takes to pay off: callers slow down rather
 * than refuse. Not thread-safe; time is given, in nanoseconds of any fixed origin.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perSecond;
    private double available;
    private long lastNanos;

    /** @param perSecond more than 0 */
    public TokenBucket(double perSecond, long nowNanos) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("a rate must be more than 0");
        }
        this.perSecond = perSecond;
        this.available = perSecond;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes {@code amount} from the budget.
     *
     * @return 0 while the budget covered it; otherwise the nanoseconds until the debt is paid off
     */
    public long take(double amount, long nowNanos) {
        refill(nowNanos);
        available -= amount;
        return debtNanos();
    }

    /** Takes one if the budget has it; takes nothing otherwise. */
    public boolean tryTakeOne(long nowNanos) {
        refill(nowNanos);
        if (available < 1) {
            return false;
        }
        available -= 1;
        return true;
    }

    /** The nanoseconds until the budget is out of debt (0 when it is not in debt). */
    public long debtNanos(long nowNanos) {
        refill(nowNanos);
        return debtNanos();
    }

    private long debtNanos() {
        return available >= 0 ? 0 : (long) Math.ceil(-available / perSecond * NANOS_PER_SECOND);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            available = Math.min(perSecond, available + elapsed / NANOS_PER_SECOND * perSecond);
            lastNanos = nowNanos;
        }
    }
}
