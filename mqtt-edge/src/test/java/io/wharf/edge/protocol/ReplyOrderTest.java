package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReplyOrderTest {

    private final ReplyOrder<String> order = new ReplyOrder<>();

    @Test
    void repliesGoOutInArrivalOrderWhateverOrderTheMessagesWereStoredIn() {
        ReplyOrder.Slot<String> first = order.next();
        ReplyOrder.Slot<String> second = order.next();
        ReplyOrder.Slot<String> third = order.next();
        List<String> sent = new ArrayList<>();

        order.complete(third, "puback 3");
        order.complete(second, "puback 2");
        assertThat(order.drain(sent::add)).isZero();
        assertThat(sent).isEmpty();

        order.complete(first, "puback 1");
        assertThat(order.drain(sent::add)).isEqualTo(3);
        assertThat(sent).containsExactly("puback 1", "puback 2", "puback 3");
        assertThat(order.waiting()).isZero();
    }

    @Test
    void aReplyWaitsOnlyForThoseBeforeIt() {
        ReplyOrder.Slot<String> first = order.next();
        ReplyOrder.Slot<String> second = order.next();
        List<String> sent = new ArrayList<>();

        order.complete(first, "puback 1");
        order.drain(sent::add);

        assertThat(sent).containsExactly("puback 1");
        assertThat(order.waiting()).isEqualTo(1);
        order.complete(second, "pubrec 2");
        order.drain(sent::add);
        assertThat(sent).containsExactly("puback 1", "pubrec 2");
    }

    @Test
    void repliesCompletedTogetherAskForOneDrain() {
        ReplyOrder.Slot<String> first = order.next();
        ReplyOrder.Slot<String> second = order.next();
        ReplyOrder.Slot<String> third = order.next();

        assertThat(order.complete(first, "1")).isTrue();
        assertThat(order.complete(second, "2")).isFalse();
        order.drain(reply -> {});
        assertThat(order.complete(third, "3"))
                .as("a reply after the drain asks for another")
                .isTrue();
    }

    @Test
    @Timeout(30)
    void repliesCompletedOnOtherThreadsAreAllHandedOutInOrder() throws Exception {
        int messages = 20_000;
        List<ReplyOrder.Slot<Integer>> slots = new ArrayList<>();
        ReplyOrder<Integer> replies = new ReplyOrder<>();
        for (int i = 0; i < messages; i++) {
            slots.add(replies.next());
        }
        ExecutorService connectionThread = Executors.newSingleThreadExecutor();
        ExecutorService producerThreads = Executors.newFixedThreadPool(4);
        List<Integer> sent = new ArrayList<>();
        AtomicInteger drains = new AtomicInteger();
        CountDownLatch allSent = new CountDownLatch(1);
        try {
            for (int partition = 0; partition < 4; partition++) {
                int p = partition;
                producerThreads.execute(() -> {
                    for (int i = messages - 1 - p; i >= 0; i -= 4) { // each "partition" completes its own, newest first
                        if (replies.complete(slots.get(i), i)) {
                            connectionThread.execute(() -> {
                                drains.incrementAndGet();
                                replies.drain(sent::add);
                                if (sent.size() == messages) {
                                    allSent.countDown();
                                }
                            });
                        }
                    }
                });
            }
            assertThat(allSent.await(20, TimeUnit.SECONDS))
                    .as("every reply handed out")
                    .isTrue();
        } finally {
            producerThreads.shutdownNow();
            connectionThread.shutdownNow();
        }
        for (int i = 0; i < messages; i++) {
            assertThat(sent.get(i)).isEqualTo(i);
        }
    }
}
