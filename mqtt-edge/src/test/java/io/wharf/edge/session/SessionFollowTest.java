package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A subscription whose following of the live feed failed is undone, and never gives back to the
 * feed what it did not take (other sessions' partitions). The feed is a fake; the session runs on a
 * plain single thread.
 */
@Timeout(30)
class SessionFollowTest {

    private static final SubscriptionOptions QOS1 = new SubscriptionOptions(1, false, false, 0, 0);

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final FailingFeed feed = new FailingFeed();
    private final EdgeMetrics metrics = new EdgeMetrics("test");

    @AfterEach
    void stop() {
        executor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        metrics.close();
    }

    @Test
    void aSubscriptionWhoseFollowFailedIsUndoneAndGivesNothingBackToTheFeed() throws Exception {
        Session session = on(() -> Session.open(
                new SessionClaim("c", 1, Optional.empty()), false, executor, services(), new NoOutput(), 10, 60));
        TopicFilter failing = TopicFilter.parse("fails/#");

        CompletableFuture<Void> subscribed = on(() -> session.subscribe(failing, QOS1));
        assertThat(waitFor(subscribed)).isInstanceOf(IllegalStateException.class);

        assertThat(on(() -> session.hasSubscription(failing))).isFalse();
        assertThat(on(() -> session.unsubscribe(failing))).isFalse();
        on(() -> session.detach());
        executor.submit(() -> {}).get(); // what detach handed on
        assertThat(feed.unfollowed).isEmpty();
    }

    @Test
    void aSubscriptionThatFollowsGivesItsPartitionsBackOnceWhenItEnds() throws Exception {
        Session session = on(() -> Session.open(
                new SessionClaim("c", 1, Optional.empty()), false, executor, services(), new NoOutput(), 10, 60));
        TopicFilter working = TopicFilter.parse("works/#");
        on(() -> session.subscribe(working, QOS1)).get(10, TimeUnit.SECONDS);

        on(() -> session.unsubscribe(working));
        on(() -> session.detach());

        assertThat(feed.unfollowed).containsExactly("works/#");
    }

    private SessionServices services() {
        return new SessionServices(
                new SubscriptionRegistry(),
                feed,
                (partition, from, max) -> CompletableFuture.completedFuture(new ReadBatch(List.of(), from, from, 0)),
                null,
                filter -> List.of(),
                new StoringStore(),
                metrics,
                null,
                10,
                60_000,
                Clock.systemUTC());
    }

    private <T> T on(java.util.concurrent.Callable<T> action) throws Exception {
        return executor.submit(action).get(10, TimeUnit.SECONDS);
    }

    private void on(Runnable action) throws Exception {
        executor.submit(action).get(10, TimeUnit.SECONDS);
    }

    private static Throwable waitFor(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Follows every filter but {@code fails/#}, which the feed cannot follow. */
    private static final class FailingFeed implements MessageFeed {

        final List<String> unfollowed = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Map<LogPartition, Long>> follow(TopicFilter filter) {
            return filter.text().startsWith("fails")
                    ? CompletableFuture.failedFuture(new IllegalStateException("Kafka did not answer"))
                    : CompletableFuture.completedFuture(Map.of(new LogPartition("mqtt.messages", 0), 0L));
        }

        @Override
        public void unfollow(TopicFilter filter) {
            unfollowed.add(filter.text());
        }
    }

    private static final class NoOutput implements SessionOutput {

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public boolean publish(
                ApplicationMessage message,
                int qos,
                boolean retain,
                boolean dup,
                int packetId,
                List<Integer> subscriptionIds) {
            return true;
        }

        @Override
        public void release(int packetId) {}
    }

    private static final class StoringStore implements SessionStore {

        @Override
        public CompletableFuture<SessionClaim> claim(String clientId, boolean cleanStart) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> checkpointWithMessage(
                SessionClaim claim, SessionSnapshot snapshot, ApplicationMessage message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void releaseAfter(SessionClaim claim, CompletableFuture<Set<Integer>> recordedIds) {}

        @Override
        public CompletableFuture<Void> release(SessionClaim claim, SessionSnapshot snapshot) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void watch(SessionClaim claim, Runnable onTakenOver) {}
    }
}
