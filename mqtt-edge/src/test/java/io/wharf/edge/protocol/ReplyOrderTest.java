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

    private final ReplyOrder<Reply<String>> order = new ReplyOrder<>();

    /** A slot that holds its reply. */
    private static final class Reply<R> extends ReplyOrder.Slot {
        R reply;
    }

    private Reply<String> next() {
        Reply<String> slot = new Reply<>();
        order.add(slot);
        return slot;
    }

    private static <R> boolean complete(ReplyOrder<Reply<R>> order, Reply<R> slot, R reply) {
        slot.reply = reply;
        return order.complete(slot);
    }

    private boolean complete(Reply<String> slot, String reply) {
        return complete(order, slot, reply);
    }

    private int drain(List<String> sent) {
        return order.drain(slot -> sent.add(slot.reply));
    }

    @Test
    void repliesGoOutInArrivalOrderWhateverOrderTheMessagesWereStoredIn() {
        Reply<String> first = next();
        Reply<String> second = next();
        Reply<String> third = next();
        List<String> sent = new ArrayList<>();

        complete(third, "puback 3");
        complete(second, "puback 2");
        assertThat(drain(sent)).isZero();
        assertThat(sent).isEmpty();

        complete(first, "puback 1");
        assertThat(drain(sent)).isEqualTo(3);
        assertThat(sent).containsExactly("puback 1", "puback 2", "puback 3");
        assertThat(order.waiting()).isZero();
    }

    @Test
    void aReplyWaitsOnlyForThoseBeforeIt() {
        Reply<String> first = next();
        Reply<String> second = next();
        List<String> sent = new ArrayList<>();

        complete(first, "puback 1");
        drain(sent);

        assertThat(sent).containsExactly("puback 1");
        assertThat(order.waiting()).isEqualTo(1);
        complete(second, "pubrec 2");
        drain(sent);
        assertThat(sent).containsExactly("puback 1", "pubrec 2");
    }

    @Test
    void repliesCompletedTogetherAskForOneDrain() {
        Reply<String> first = next();
        Reply<String> second = next();
        Reply<String> third = next();

        assertThat(complete(first, "1")).isTrue();
        assertThat(complete(second, "2")).isFalse();
        order.drain(reply -> {});
        assertThat(complete(third, "3"))
                .as("a reply after the drain asks for another")
                .isTrue();
    }

    @Test
    @Timeout(30)
    void repliesCompletedOnOtherThreadsAreAllHandedOutInOrder() throws Exception {
        int messages = 20_000;
        List<Reply<Integer>> slots = new ArrayList<>();
        ReplyOrder<Reply<Integer>> replies = new ReplyOrder<>();
        for (int i = 0; i < messages; i++) {
            Reply<Integer> slot = new Reply<>();
            replies.add(slot);
            slots.add(slot);
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
                        if (complete(replies, slots.get(i), i)) {
                            connectionThread.execute(() -> {
                                drains.incrementAndGet();
                                replies.drain(slot -> sent.add(slot.reply));
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
