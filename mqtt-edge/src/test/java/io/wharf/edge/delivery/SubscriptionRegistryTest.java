package io.wharf.edge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** How one poll of the live feed reaches the subscribers of each event loop. */
class SubscriptionRegistryTest {

    private final SubscriptionRegistry registry = new SubscriptionRegistry();
    private final DispatchBacklog backlog = new DispatchBacklog(1000);
    private final QueuedExecutor loopA = new QueuedExecutor();
    private final QueuedExecutor loopB = new QueuedExecutor();

    @Test
    void eachEventLoopGetsOneTaskForABatchAndEachSubscriberItsMessagesInLogOrder() {
        Recorder first = new Recorder(loopA);
        Recorder second = new Recorder(loopA);
        Recorder elsewhere = new Recorder(loopB);
        registry.add(TopicFilter.parse("a/+"), first, SubscriptionOptions.ofQos(1));
        registry.add(TopicFilter.parse("a/#"), second, SubscriptionOptions.ofQos(1));
        registry.add(TopicFilter.parse("a/y"), elsewhere, SubscriptionOptions.ofQos(0));

        registry.dispatch(List.of(message("a/x", 0), message("a/y", 1), message("b/z", 2), message("a/x", 3)), backlog);

        assertThat(loopA.tasks).hasSize(1);
        assertThat(loopB.tasks).hasSize(1);
        assertThat(backlog.pending()).isEqualTo(3 + 3 + 1);
        loopA.runAll();
        loopB.runAll();
        assertThat(first.offsets()).containsExactly(0L, 1L, 3L);
        assertThat(second.offsets()).containsExactly(0L, 1L, 3L);
        assertThat(elsewhere.offsets()).containsExactly(1L);
        assertThat(first.handOvers).isEqualTo(1);
        assertThat(backlog.pending()).isZero();
    }

    @Test
    void aSubscriberWithSeveralMatchingSubscriptionsGetsTheMessageOnceWithAllOfThem() {
        Recorder subscriber = new Recorder(loopA);
        SubscriptionOptions exact = new SubscriptionOptions(2, false, false, 0, 7);
        SubscriptionOptions wildcard = new SubscriptionOptions(1, false, false, 0, 8);
        registry.add(TopicFilter.parse("a/b"), subscriber, exact);
        registry.add(TopicFilter.parse("#"), subscriber, wildcard);

        registry.dispatch(List.of(message("a/b", 0), message("c", 1)), backlog);
        loopA.runAll();

        assertThat(subscriber.received).hasSize(2);
        assertThat(subscriber.received.get(0).matched()).containsExactlyInAnyOrder(exact, wildcard);
        assertThat(subscriber.received.get(1).matched()).containsExactly(wildcard);
    }

    @Test
    void dollarTopicsReachOnlyFiltersThatNameTheirFirstLevel() {
        Recorder everything = new Recorder(loopA);
        Recorder system = new Recorder(loopA);
        registry.add(TopicFilter.parse("#"), everything, SubscriptionOptions.ofQos(0));
        registry.add(TopicFilter.parse("+/broker"), everything, SubscriptionOptions.ofQos(0));
        registry.add(TopicFilter.parse("$SYS/#"), system, SubscriptionOptions.ofQos(0));

        registry.dispatch(List.of(message("$SYS/broker", 0), message("x/broker", 1)), backlog);
        loopA.runAll();

        assertThat(everything.offsets()).containsExactly(1L);
        assertThat(system.offsets()).containsExactly(0L);
    }

    @Test
    void aRemovedSubscriptionGetsNothingMoreAndABatchNobodyWantsCostsNoTask() {
        Recorder subscriber = new Recorder(loopA);
        registry.add(TopicFilter.parse("a"), subscriber, SubscriptionOptions.ofQos(0));
        assertThat(registry.remove(TopicFilter.parse("a"), subscriber)).isTrue();

        registry.dispatch(List.of(message("a", 0)), backlog);

        assertThat(loopA.tasks).isEmpty();
        assertThat(backlog.pending()).isZero();
    }

    @Test
    void aSubscriberThatFailsDoesNotKeepTheOthersOfItsLoopFromTheirMessages() {
        Recorder failing = new Recorder(loopA) {
            @Override
            public void takeUp(List<Delivery> deliveries) {
                throw new IllegalStateException("broken");
            }
        };
        Recorder healthy = new Recorder(loopA);
        registry.add(TopicFilter.parse("a"), failing, SubscriptionOptions.ofQos(0));
        registry.add(TopicFilter.parse("a"), healthy, SubscriptionOptions.ofQos(0));

        registry.dispatch(List.of(message("a", 0)), backlog);
        loopA.runAll();

        assertThat(healthy.offsets()).containsExactly(0L);
        assertThat(backlog.pending()).isZero();
    }

    private static LoggedMessage message(String topic, long offset) {
        ApplicationMessage message =
                new ApplicationMessage(topic, new byte[] {1}, 1, false, "p", 0, ApplicationMessage.Properties.NONE);
        return new LoggedMessage(message, new LogPosition("mqtt.messages", 0, offset));
    }

    private static final class QueuedExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private static class Recorder implements Subscriber {
        final Executor executor;
        final List<Delivery> received = new ArrayList<>();
        int handOvers;

        Recorder(Executor executor) {
            this.executor = executor;
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public void takeUp(List<Delivery> deliveries) {
            handOvers++;
            received.addAll(deliveries);
        }

        List<Long> offsets() {
            return received.stream().map(d -> d.message().position().offset()).toList();
        }
    }
}
