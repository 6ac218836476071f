package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connected session's stored state close to its real one. Ordinary progress (QoS 0 and 1
 * deliveries and acknowledgements) is written at most once per interval: losing it in a crash only
 * means re-sending, which QoS 1 allows. Exactly-once needs more: a QoS 2 PUBLISH and a PUBREL go
 * out only after the state that records them is durable, so that an edge taking over re-sends them
 * with the same packet id instead of delivering anew. Such sends wait for the next write, and
 * everything sent after them waits behind them to keep the order; many wait for one write.
 *
 * <p>A session that ends with its connection (expiry 0) has no next connection to continue from what
 * it stores, and no edge that takes it over continues it: its progress is not written, and nothing
 * waits for a write on its account. Only what the router needs if this edge dies, the will (and an
 * expiry that no longer lets an earlier stored state outlive the connection), is written, through
 * {@link #mustStore()} and {@link #sendOnceStored(Runnable)}.
 *
 * <p>What waits is bounded in count and bytes: while it is full, {@link #hasRoom()} says so and the
 * session takes nothing more (it reads from the log later, as for a slow client); it hears when
 * there is room again.
 */
final class SessionCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(SessionCheckpoints.class);
    private static final long RETRY_MS = 500;

    private final SessionStore store;
    private final SessionClaim claim;
    private final EventExecutor executor;
    private final Supplier<SessionSnapshot> snapshot;
    private final BooleanSupplier endsWithConnection;
    private final long intervalMs;
    private final int maxWaitingSends;
    private final long maxWaitingBytes;
    private final Runnable roomAgain;
    /** Mostly empty: sized small, so that an idle connection does not hold a 16-slot array for it. */
    private final Queue<WaitingSend> waitingSends = new ArrayDeque<>(1);

    private long waitingBytes;
    private final List<CompletableFuture<Void>> awaitingQuiet = new ArrayList<>();
    private ScheduledFuture<?> timer;
    private boolean dirty;
    private boolean writing;
    private boolean stopped;
    private int holds;

    /**
     * @param maxWaitingSends, maxWaitingBytes how many sends, and how many payload bytes, may wait
     *     for a write before {@link #hasRoom()} turns false
     * @param endsWithConnection whether the session ends with its connection (its expiry is 0 now)
     * @param roomAgain called when sends that waited have gone out and there is room again
     */
    SessionCheckpoints(
            SessionStore store,
            SessionClaim claim,
            EventExecutor executor,
            Supplier<SessionSnapshot> snapshot,
            BooleanSupplier endsWithConnection,
            long intervalMs,
            int maxWaitingSends,
            long maxWaitingBytes,
            Runnable roomAgain) {
        this.store = store;
        this.claim = claim;
        this.executor = executor;
        this.snapshot = snapshot;
        this.endsWithConnection = endsWithConnection;
        this.intervalMs = intervalMs;
        this.maxWaitingSends = maxWaitingSends;
        this.maxWaitingBytes = maxWaitingBytes;
        this.roomAgain = roomAgain;
    }

    /** Whether a delivery may be sent (or queued) now; false while too much waits for a write. */
    boolean hasRoom() {
        return waitingSends.size() < maxWaitingSends && waitingBytes < maxWaitingBytes;
    }

    /** The session's progress changed; it is written within the interval unless it ends with its connection. */
    void changed() {
        if (!endsWithConnection.getAsBoolean()) {
            mustStore();
        }
    }

    /** What the router reads if this edge dies changed (the will): written within the interval, always. */
    void mustStore() {
        dirty = true;
        if (timer == null && !writing && !stopped) {
            timer = executor.schedule(this::timerFired, intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs {@code send} now, or after the next write when it must be durable first (or when earlier
     * sends still wait). For replies to the client (PUBREL, PUBCOMP), which its own window bounds.
     */
    void send(boolean mustBeDurable, Runnable send) {
        send(mustBeDurable, 0, send);
    }

    /** Runs {@code send} once the session's current state is written, whether or not it ends with its connection. */
    void sendOnceStored(Runnable send) {
        enqueue(true, 0, send);
    }

    /**
     * As {@link #send(boolean, Runnable)}, for a delivery of {@code bytes}: ask {@link #hasRoom()}
     * first. A session that ends with its connection has no later edge to re-send with the same
     * packet id, so nothing of it must be durable first.
     */
    void send(boolean mustBeDurable, int bytes, Runnable send) {
        enqueue(mustBeDurable && !endsWithConnection.getAsBoolean(), bytes, send);
    }

    private void enqueue(boolean mustBeDurable, int bytes, Runnable send) {
        if (!mustBeDurable && waitingSends.isEmpty()) {
            send.run();
            return;
        }
        waitingSends.add(new WaitingSend(send, bytes, mustBeDurable));
        waitingBytes += bytes;
        dirty = true;
        if (!writing) {
            write();
        }
    }

    /**
     * Holds ordinary writes back while another write of this session's state is under way elsewhere
     * (a QoS 2 message stored with its state): an ordinary write taken before it must not land after
     * it. The future completes once no ordinary write is under way any more; start the other write
     * then. Every hold is followed by {@link #release()}.
     */
    CompletableFuture<Void> hold() {
        holds++;
        if (!writing || stopped) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> quiet = new CompletableFuture<>();
        awaitingQuiet.add(quiet);
        return quiet;
    }

    void release() {
        holds--;
        if (holds == 0 && !writing && (dirty || !waitingSends.isEmpty())) {
            write();
        }
    }

    /** The connection ended; nothing more is written (the final state goes out with the release). */
    void stop() {
        stopped = true;
        waitingSends.clear();
        waitingBytes = 0;
        letHoldersGo();
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void letHoldersGo() {
        List<CompletableFuture<Void>> ready = List.copyOf(awaitingQuiet);
        awaitingQuiet.clear();
        ready.forEach(quiet -> quiet.complete(null));
    }

    private void timerFired() {
        timer = null;
        if (dirty && !writing) {
            write();
        }
    }

    private void write() {
        if (stopped || holds > 0) {
            return; // dirty stays set; the release writes
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        writing = true;
        dirty = false;
        int sendsCovered = waitingSends.size();
        store.checkpoint(claim, snapshot.get())
                .whenCompleteAsync((done, error) -> written(sendsCovered, error), executor);
    }

    private void written(int sendsCovered, Throwable error) {
        writing = false;
        letHoldersGo();
        if (stopped) {
            return;
        }
        if (error != null) {
            log.warn("{}: storing the session failed, retrying: {}", claim.clientId(), error.toString());
            dirty = true;
            timer = executor.schedule(this::timerFired, RETRY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        boolean wasFull = !hasRoom();
        for (int i = 0; i < sendsCovered; i++) {
            runNext();
        }
        // Sends that only waited to keep their order go out too, up to the next that must be durable.
        while (!waitingSends.isEmpty() && !waitingSends.peek().mustBeDurable) {
            runNext();
        }
        if (!waitingSends.isEmpty()) {
            write();
        } else if (dirty) {
            changed();
        }
        if (wasFull && hasRoom()) {
            roomAgain.run();
        }
    }

    private void runNext() {
        WaitingSend waiting = waitingSends.poll();
        waitingBytes -= waiting.bytes;
        waiting.send.run();
    }

    private record WaitingSend(Runnable send, int bytes, boolean mustBeDurable) {}
}
