package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-partition gate of a session's way through the log: a record at offset o of partition p is
 * delivered only if o >= next[p], then next[p] = o + 1; a partition that catches up ignores the live
 * feed until its reads reach the live position. Every call is made on one plain executor thread, as
 * on the event loop; reads complete when the test says so.
 */
@Timeout(30)
class LogCursorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final LogPartition P0 = new LogPartition("log", 0);
    private static final LogPartition P1 = new LogPartition("log", 1);
    private static final int BATCH = 50;
    private static final String UNMATCHED_TOPIC = "not/subscribed";

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final FakeLog logReader = new FakeLog();
    private final RecordingReader reader = new RecordingReader();
    private final LogCursor cursor = new LogCursor("client", logReader, BATCH, executor, reader);

    @AfterEach
    void stop() {
        executor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    // --- the live feed

    @Test
    void aLiveRecordAtTheGateIsDeliveredAndMovesTheGatePastIt() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 5L)));

        live(P0, 5);
        live(P0, 8);

        assertThat(reader.delivered).containsExactly("log-0@5", "log-0@8");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 9L));
        assertThat(reader.progressed).hasValue(2);
    }

    @Test
    void aLiveRecordBelowTheGateIsNotDeliveredAgain() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 5L)));

        live(P0, 4);
        live(P0, 5);
        live(P0, 5);

        assertThat(reader.delivered).containsExactly("log-0@5");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 6L));
    }

    @Test
    void aLiveRecordOfAPartitionNotFollowedIsIgnored() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));

        live(P1, 0);

        assertThat(reader.delivered).isEmpty();
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 0L));
    }

    @Test
    void followingAPartitionAlreadyFollowedKeepsItsPosition() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 5L)));

        on(() -> cursor.followFrom(Map.of(P0, 9L, P1, 2L)));

        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 5L, P1, 2L));
        live(P0, 6);
        assertThat(reader.delivered).containsExactly("log-0@6");
    }

    @Test
    void aLiveRecordTheClientCannotTakeIsLeftForAReadFromTheLog() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));
        reader.room = 0;

        live(P0, 0);

        assertThat(reader.delivered).isEmpty();
        assertThat(reader.wakes).hasValue(1);
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 0L));

        reader.room = 10;
        live(P0, 1); // still ignored: the partition now reads the log
        on(cursor::readMore);
        assertThat(logReader.next().from).isZero();
        logReader.complete(batch(2, 0, 1));
        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1");

        live(P0, 2); // the reads got past every ignored record: live again
        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1", "log-0@2");
    }

    @Test
    void aLiveRecordHeldBackIsLeftForAReadFromTheLog() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));

        on(() -> cursor.onLive(message(P0, 0), List.of(SubscriptionOptions.ofQos(1)), true));
        on(cursor::readMore);

        assertThat(reader.delivered).isEmpty();
        assertThat(logReader.next().from).isZero();
    }

    // --- catching up and the hand-over to live

    @Test
    void aResumedSessionCatchesUpWhileIgnoringTheLiveFeedAndGoesLiveWithoutGapOrDuplicate() throws Exception {
        on(() -> cursor.restore(P0, 3));
        on(() -> cursor.catchUpTo(Map.of(P0, 6L)));

        live(P0, 6);
        live(P0, 7);
        assertThat(reader.delivered).isEmpty();

        on(cursor::readMore);
        assertThat(logReader.next().from).isEqualTo(3);
        logReader.complete(batch(6, 3, 4, 5));
        live(P0, 8); // the reads have not yet got past the ignored 6 and 7
        assertThat(reader.delivered).containsExactly("log-0@3", "log-0@4", "log-0@5");

        on(cursor::readMore);
        assertThat(logReader.next().from).isEqualTo(6);
        logReader.complete(batch(9, 6, 7, 8));
        live(P0, 8);
        live(P0, 9);

        assertThat(reader.delivered)
                .containsExactly("log-0@3", "log-0@4", "log-0@5", "log-0@6", "log-0@7", "log-0@8", "log-0@9");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 10L));
    }

    @Test
    void aPartitionThatIsNotBehindGoesLiveWithoutReading() throws Exception {
        on(() -> cursor.restore(P0, 6));
        on(() -> cursor.catchUpTo(Map.of(P0, 6L)));

        on(cursor::readMore);
        live(P0, 6);

        assertThat(logReader.requests).isEmpty();
        assertThat(reader.delivered).containsExactly("log-0@6");
    }

    @Test
    void catchingUpAPartitionNotFollowedYetFollowsItLiveFromTheGivenOffset() throws Exception {
        on(() -> cursor.catchUpTo(Map.of(P1, 4L)));

        live(P1, 3);
        live(P1, 4);

        assertThat(reader.delivered).containsExactly("log-1@4");
        assertThat(logReader.requests).isEmpty();
    }

    @Test
    void catchingUpALivePartitionIgnoresTheLiveFeedUntilTheReadsReachTheNewLivePosition() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));
        live(P0, 0);

        on(() -> cursor.catchUpTo(Map.of(P0, 3L)));
        live(P0, 3);
        on(cursor::readMore);
        logReader.next();
        logReader.complete(batch(4, 1, 2, 3));
        live(P0, 4);

        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1", "log-0@2", "log-0@3", "log-0@4");
    }

    // --- reading the log

    @Test
    void onlyOneReadIsUnderWayAtATime() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L, P1, 0L), null));

        on(cursor::readMore);
        on(cursor::readMore);

        assertThat(logReader.requests).hasSize(1);
        Read first = logReader.next();
        assertThat(first.maxRecords).isEqualTo(BATCH);
        logReader.complete(emptyBatch(10));
        on(cursor::readMore);
        assertThat(logReader.requests).hasSize(1);
    }

    @Test
    void aPartitionThatCaughtUpLeavesTheReadsToThePartitionStillBehind() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L, P1, 0L), Map.of(P0, 2L, P1, 2L)));
        on(cursor::readMore);
        Read first = logReader.next();
        logReader.complete(emptyBatch(2));

        on(cursor::readMore);

        assertThat(logReader.next().partition).isNotEqualTo(first.partition);
    }

    @Test
    void nothingIsReadWhileTheClientCannotTakeMore() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        reader.canTakeMore = false;

        on(cursor::readMore);

        assertThat(logReader.requests).isEmpty();
    }

    @Test
    void aLivePartitionIsNotRead() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));

        on(cursor::readMore);

        assertThat(logReader.requests).isEmpty();
    }

    @Test
    void recordsNoSubscriptionMatchesAreSkippedAndTheGateMovesPastThem() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        on(cursor::readMore);
        logReader.next();

        logReader.complete(
                new ReadBatch(List.of(message(P0, 0), unmatched(P0, 1), message(P0, 2), unmatched(P0, 3)), 4, 10, 0));

        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@2");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 4L));
    }

    @Test
    void theGateMovesPastRecordsThatAreNotMqttMessages() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        on(cursor::readMore);
        logReader.next();

        logReader.complete(new ReadBatch(List.of(message(P0, 2)), 7, 10, 0));

        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 7L));
        assertThat(reader.progressed).hasValue(1);
        assertThat(reader.wakes).hasValue(1);
    }

    @Test
    void recordsDeletedByRetentionBeforeTheyWereReadAreSkipped() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        on(cursor::readMore);
        logReader.next();

        logReader.complete(new ReadBatch(List.of(message(P0, 5)), 6, 10, 5));

        assertThat(reader.delivered).containsExactly("log-0@5");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 6L));
    }

    @Test
    void aReadStopsAtTheFirstRecordTheClientCannotTakeAndReadsItAgainLater() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        reader.room = 1;
        on(cursor::readMore);
        logReader.next();

        logReader.complete(batch(3, 0, 1, 2));

        assertThat(reader.delivered).containsExactly("log-0@0");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 1L));
        assertThat(reader.progressed).hasValue(1);

        reader.room = 10;
        on(cursor::readMore);
        assertThat(logReader.next().from).isEqualTo(1);
        logReader.complete(batch(3, 1, 2));
        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1", "log-0@2");
    }

    @Test
    void aRecordBelowTheGateInABatchIsNotDeliveredAgain() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 3L), null));
        on(cursor::readMore);
        logReader.next();

        logReader.complete(batch(5, 2, 3, 4));

        assertThat(reader.delivered).containsExactly("log-0@3", "log-0@4");
    }

    @Test
    void aFailedReadIsRetriedFromTheSameOffsetAfterAPause() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 4L), null));
        on(cursor::readMore);
        logReader.next().result.completeExceptionally(new IllegalStateException("log unavailable"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(reader.wakes).hasValue(1));
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 4L));
        on(cursor::readMore);
        assertThat(logReader.next().from).isEqualTo(4);
    }

    @Test
    void aReadOfAPartitionRepositionedMeanwhileIsDropped() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        on(cursor::readMore);
        logReader.next();

        on(() -> cursor.readFrom(Map.of(P0, 10L), null));
        logReader.complete(batch(3, 0, 1, 2));

        assertThat(reader.delivered).isEmpty();
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 10L));
    }

    @Test
    void aClosedCursorDeliversNothingAndDropsTheReadUnderWay() throws Exception {
        on(() -> cursor.followFrom(Map.of(P1, 0L)));
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        on(cursor::readMore);
        logReader.next();

        on(cursor::close);
        logReader.complete(batch(2, 0, 1));
        live(P1, 0);
        on(cursor::readMore);

        assertThat(reader.delivered).isEmpty();
        assertThat(logReader.requests).isEmpty();
    }

    // --- replays: readFrom and stopAt

    @Test
    void aPartitionReadWithoutALivePositionNeverGoesLive() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        on(cursor::readMore);
        logReader.next();
        logReader.complete(batch(2, 0, 1));

        live(P0, 2);
        on(cursor::readMore);

        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1");
        assertThat(logReader.next().from).isEqualTo(2);
    }

    @Test
    void aPartitionReadUpToItsLivePositionGoesLive() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), Map.of(P0, 2L)));
        on(cursor::readMore);
        logReader.next();
        logReader.complete(batch(2, 0, 1));

        live(P0, 2);

        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1", "log-0@2");
    }

    @Test
    void aPartitionWithoutALivePositionOfItsOwnIsLiveFromItsStart() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 5L), Map.of(P1, 0L)));

        on(cursor::readMore);
        live(P0, 5);

        assertThat(logReader.requests).isEmpty();
        assertThat(reader.delivered).containsExactly("log-0@5");
    }

    @Test
    void aCursorGivenEndOffsetsReadsUpToThemExclusiveAndThenHasReachedTheEnd() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L), null));
        assertThat(on(cursor::reachedEnd)).isFalse();
        on(() -> cursor.stopAt(Map.of(P0, 2L)));
        on(cursor::readMore);
        logReader.next();

        logReader.complete(batch(4, 0, 1, 2, 3));

        assertThat(reader.delivered).containsExactly("log-0@0", "log-0@1");
        assertThat(on(cursor::nextOffsets)).isEqualTo(Map.of(P0, 2L));
        assertThat(on(cursor::reachedEnd)).isTrue();
        on(cursor::readMore);
        assertThat(logReader.requests).isEmpty();
    }

    @Test
    void endOffsetsTakeALivePartitionOffTheLiveFeed() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));
        live(P0, 0);

        on(() -> cursor.stopAt(Map.of(P0, 3L)));
        live(P0, 1);
        on(cursor::readMore);

        assertThat(reader.delivered).containsExactly("log-0@0");
        assertThat(logReader.next().from).isEqualTo(1);
        assertThat(on(cursor::reachedEnd)).isFalse();
    }

    @Test
    void aPartitionWithoutAnEndOffsetHasNothingToRead() throws Exception {
        on(() -> cursor.readFrom(Map.of(P0, 0L, P1, 0L), null));

        on(() -> cursor.stopAt(Map.of(P0, 1L)));
        on(cursor::readMore);

        assertThat(logReader.next().partition).isEqualTo(P0);
        logReader.complete(batch(1, 0));
        assertThat(on(cursor::reachedEnd)).isTrue();
    }

    @Test
    void withoutEndOffsetsTheCursorNeverReachesAnEnd() throws Exception {
        on(() -> cursor.followFrom(Map.of(P0, 0L)));

        assertThat(on(cursor::reachedEnd)).isFalse();
    }

    // --- helpers

    private void live(LogPartition partition, long offset) throws Exception {
        on(() -> cursor.onLive(message(partition, offset), List.of(SubscriptionOptions.ofQos(1)), false));
    }

    private void on(Runnable action) throws Exception {
        executor.submit(action).get();
    }

    private <T> T on(Callable<T> action) throws Exception {
        return executor.submit(action).get();
    }

    private static ReadBatch batch(long nextOffset, long... offsets) {
        List<LoggedMessage> messages = new ArrayList<>();
        for (long offset : offsets) {
            messages.add(message(P0, offset));
        }
        return new ReadBatch(messages, nextOffset, nextOffset, 0);
    }

    private static ReadBatch emptyBatch(long nextOffset) {
        return new ReadBatch(List.of(), nextOffset, nextOffset, 0);
    }

    private static LoggedMessage message(LogPartition partition, long offset) {
        return logged("a/b", partition, offset);
    }

    private static LoggedMessage unmatched(LogPartition partition, long offset) {
        return logged(UNMATCHED_TOPIC, partition, offset);
    }

    private static LoggedMessage logged(String topic, LogPartition partition, long offset) {
        ApplicationMessage message = new ApplicationMessage(
                topic, new byte[] {1}, 1, false, "publisher", 0L, ApplicationMessage.Properties.NONE);
        return new LoggedMessage(message, new LogPosition(partition.logTopic(), partition.partition(), offset));
    }

    private record Read(LogPartition partition, long from, int maxRecords, CompletableFuture<ReadBatch> result) {}

    /** A log whose reads complete when the test says so. */
    private final class FakeLog implements LogReader {

        final BlockingQueue<Read> requests = new LinkedBlockingQueue<>();
        private Read current;

        @Override
        public CompletableFuture<ReadBatch> read(LogPartition partition, long fromOffset, int maxRecords) {
            Read read = new Read(partition, fromOffset, maxRecords, new CompletableFuture<>());
            requests.add(read);
            return read.result;
        }

        /** The read the cursor asked for; there must be one. */
        Read next() {
            current = requests.remove();
            return current;
        }

        /** Completes the last read taken and waits until the cursor has handled it. */
        void complete(ReadBatch batch) throws Exception {
            current.result.complete(batch);
            on(() -> {});
        }
    }

    /** A reader whose client takes {@code room} more messages. */
    private static final class RecordingReader implements LogCursor.Reader {

        final List<String> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger progressed = new AtomicInteger();
        final AtomicInteger wakes = new AtomicInteger();
        volatile int room = Integer.MAX_VALUE;
        volatile boolean canTakeMore = true;

        @Override
        public List<SubscriptionOptions> matching(LoggedMessage message) {
            return message.message().topic().equals(UNMATCHED_TOPIC)
                    ? List.of()
                    : List.of(SubscriptionOptions.ofQos(1));
        }

        @Override
        public boolean offer(LoggedMessage message, List<SubscriptionOptions> matched) {
            if (room == 0) {
                return false;
            }
            room--;
            delivered.add(
                    message.position().logPartition() + "@" + message.position().offset());
            return true;
        }

        @Override
        public boolean canTakeMore() {
            return canTakeMore;
        }

        @Override
        public void progressed() {
            progressed.incrementAndGet();
        }

        @Override
        public void wake() {
            wakes.incrementAndGet();
        }
    }
}
