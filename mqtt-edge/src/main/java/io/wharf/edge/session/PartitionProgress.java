package io.wharf.edge.session;

/**
 * How far a session has got in one partition of the log. Every record at or above {@link #next}
 * is still to be delivered (if it matches); below it, everything was delivered or did not match.
 *
 * <p>A partition is either live (records arrive from the edge's live feed) or catching up (the
 * session reads the log itself, and live records are ignored but remembered). Catching up ends when
 * the session has read past both the offset from which the live feed hands records to it and every
 * live record it ignored; from then on live records follow without a gap, and the {@code next}
 * check drops the ones it already read.
 */
final class PartitionProgress {

    long next;
    boolean live;
    long liveFrom;
    long highestIgnoredLive = -1;

    PartitionProgress(long next, boolean live, long liveFrom) {
        this.next = next;
        this.live = live;
        this.liveFrom = liveFrom;
    }

    void startCatchingUp(long liveFrom) {
        this.live = false;
        this.liveFrom = liveFrom;
        this.highestIgnoredLive = -1;
    }

    /** A live record arrived while catching up: the reader must get past it before going live. */
    void ignoreLive(long offset) {
        live = false;
        highestIgnoredLive = Math.max(highestIgnoredLive, offset);
    }

    boolean canGoLive() {
        return next >= liveFrom && next > highestIgnoredLive;
    }
}
