package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When a connected session's state is written, and which sends wait for it. The executor is a plain
 * single thread (Netty's, without a channel); every call is made on it, as the event loop would.
 */
@Timeout(30)
class SessionCheckpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SessionClaim CLAIM = new SessionClaim("client", 1, Optional.empty());

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final RecordingStore store = new RecordingStore();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger roomAgain = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aSendThatMustBeDurableGoesOutAfterTheWriteAndLaterSendsWaitBehindIt() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 10, 1_000);
        on(() -> checkpoints.send(true, 10, send("qos2")));
        on(() -> checkpoints.send(false, 10, send("qos0-after")));

        assertThat(sent).isEmpty();
        store.completeNext();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("qos2", "qos0-after"));
    }

    @Test
    void aSendWithNothingWaitingGoesOutAtOnce() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 10, 1_000);

        on(() -> checkpoints.send(false, 10, send("qos0")));

        assertThat(sent).containsExactly("qos0");
        assertThat(store.writes).isEmpty();
    }

    @Test
    void sendsArrivingDuringAWriteWaitForTheNextOneInOrder() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 10, 1_000);
        on(() -> checkpoints.send(true, 10, send("first")));
        on(() -> checkpoints.send(true, 10, send("second")));
        on(() -> checkpoints.send(false, 10, send("third")));

        store.completeNext();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("first"));
        store.completeNext(); // the write that covers what came during the first

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("first", "second", "third"));
    }

    @Test
    void theWaitingSendsAreBoundedInCountAndTheSessionHearsWhenThereIsRoomAgain() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 3, 1_000_000);
        for (int i = 0; i < 3; i++) {
            int n = i;
            on(() -> checkpoints.send(true, 10, send("m" + n)));
        }

        assertThat(on(checkpoints::hasRoom)).isFalse();
        store.completeNext();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).hasSize(1));
        store.completeNext();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("m0", "m1", "m2"));
        assertThat(on(checkpoints::hasRoom)).isTrue();
        assertThat(roomAgain.get()).isPositive();
    }

    @Test
    void theWaitingSendsAreBoundedInBytes() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 100, 1_000);
        on(() -> checkpoints.send(true, 600, send("big")));
        assertThat(on(checkpoints::hasRoom)).isTrue();

        on(() -> checkpoints.send(true, 600, send("bigger")));

        assertThat(on(checkpoints::hasRoom)).isFalse();
    }

    @Test
    void aFailedWriteIsRetriedAndTheWaitingSendsGoOutAfterTheRetry() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 10, 1_000);
        on(() -> checkpoints.send(true, 10, send("qos2")));

        store.failNext();

        await().atMost(WAIT).until(() -> !store.writes.isEmpty()); // the retry
        assertThat(sent).isEmpty();
        store.completeNext();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("qos2"));
    }

    @Test
    void aHoldKeepsWritesBackUntilItIsReleasedEvenWhenTheHeldWriteFailed() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(20, 10, 1_000);
        CompletableFuture<Void> quiet = on(checkpoints::hold);
        assertThat(quiet).isDone();
        on(() -> checkpoints.send(true, 10, send("pubcomp")));
        on(checkpoints::changed);

        assertThat(store.writes).isEmpty();
        on(checkpoints::release); // the QoS 2 write it held for is over, whatever its outcome

        await().atMost(WAIT).until(() -> !store.writes.isEmpty());
        store.completeNext();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("pubcomp"));
    }

    @Test
    void aHoldTakenDuringAWriteLetsItsHolderGoOnlyOnceThatWriteEnded() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(60_000, 10, 1_000);
        on(() -> checkpoints.send(true, 10, send("qos2")));

        CompletableFuture<Void> quiet = on(checkpoints::hold);

        assertThat(quiet).isNotDone();
        store.completeNext();
        await().atMost(WAIT).until(quiet::isDone);
    }

    @Test
    void aSessionThatEndsWithItsConnectionWritesNoProgress() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(true, 1, 10, 1_000);

        on(checkpoints::changed);
        on(() -> checkpoints.send(true, 10, send("qos2")));

        assertThat(sent).containsExactly("qos2"); // no later edge re-sends it: nothing to make durable first
        assertThat(store.writes.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("a write of the session")
                .isNull();
    }

    @Test
    void aSessionThatEndsWithItsConnectionStillWritesItsWillAndWhatMustBeStoredFirst() throws Exception {
        SessionCheckpoints checkpoints = checkpoints(true, 1, 10, 1_000);

        on(checkpoints::mustStore);
        store.completeNext();
        on(() -> checkpoints.sendOnceStored(send("connack")));

        assertThat(sent).isEmpty();
        store.completeNext();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sent).containsExactly("connack"));
    }

    private SessionCheckpoints checkpoints(long intervalMs, int maxSends, long maxBytes) {
        return checkpoints(false, intervalMs, maxSends, maxBytes);
    }

    private SessionCheckpoints checkpoints(boolean endsWithConnection, long intervalMs, int maxSends, long maxBytes) {
        return new SessionCheckpoints(
                store,
                CLAIM,
                executor,
                SessionCheckpointsTest::snapshot,
                () -> endsWithConnection,
                intervalMs,
                maxSends,
                maxBytes,
                roomAgain::incrementAndGet);
    }

    private Runnable send(String name) {
        return () -> sent.add(name);
    }

    private void on(Runnable action) throws Exception {
        executor.submit(action).get();
    }

    private <T> T on(Callable<T> action) throws Exception {
        return executor.submit(action).get();
    }

    private static SessionSnapshot snapshot() {
        return new SessionSnapshot("client", 60, Map.of(), Map.of(), List.of(), Set.of(), 0, null);
    }

    /** A store whose writes complete when the test says so. */
    private static final class RecordingStore extends CheckpointOnlyStore {

        final BlockingQueue<CompletableFuture<Void>> writes = new LinkedBlockingQueue<>();

        void completeNext() throws InterruptedException {
            next().complete(null);
        }

        void failNext() throws InterruptedException {
            next().completeExceptionally(new IllegalStateException("Kafka is away"));
        }

        private CompletableFuture<Void> next() throws InterruptedException {
            CompletableFuture<Void> write = writes.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(write).as("a write of the session").isNotNull();
            return write;
        }

        @Override
        public CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot) {
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }
    }
}
