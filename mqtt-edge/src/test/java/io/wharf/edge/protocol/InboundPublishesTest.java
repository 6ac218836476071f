package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a connection holds the messages Kafka cannot take yet, and answers them in order. */
class InboundPublishesTest {

    private final FakeLog messageLog = new FakeLog();
    private final EdgeMetrics metrics = new EdgeMetrics("test");
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final InboundPublishes publishes =
            new InboundPublishes(channel, new ReadPauses(channel), messageLog, metrics);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        metrics.close();
    }

    @Test
    void messagesKafkaCannotTakeWaitInOrderAndAreAcknowledgedOnlyOnceStored() {
        channel.freezeTime();
        messageLog.room = false;
        publishes.append(message("a/1", 1), 1, InboundPublishesTest::ack);
        publishes.append(message("a/2", 1), 2, InboundPublishesTest::ack);
        channel.runPendingTasks();
        assertThat(messageLog.handedOver).isEmpty();
        assertThat((Object) channel.readOutbound())
                .as("nothing acknowledged while Kafka cannot take it")
                .isNull();

        messageLog.room = true;
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(messageLog.handedOver).containsExactly("a/1", "a/2");

        messageLog.stored("a/2");
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound())
                .as("the second waits for the first")
                .isNull();
        messageLog.stored("a/1");
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).isEqualTo("ack 1 null");
        assertThat((Object) channel.readOutbound()).isEqualTo("ack 2 null");
    }

    @Test
    void theEdgeStopsReadingFromTheClientWhileAMessageOfItsWaitsForKafka() {
        channel.freezeTime();
        messageLog.room = false;
        publishes.append(message("r/1", 1), 1, InboundPublishesTest::ack);
        assertThat(channel.config().isAutoRead()).as("reading stopped").isFalse();

        messageLog.room = true;
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(messageLog.handedOver).containsExactly("r/1");
        assertThat(channel.config().isAutoRead()).as("reading goes on").isTrue();
    }

    @Test
    void qos0MessagesAreDroppedAndCountedWhileKafkaCannotTakeThem() {
        messageLog.room = false;
        publishes.publishQos0(message("b/1", 0));
        messageLog.room = true;
        publishes.append(message("b/2", 1), 2, (c, id, m, e) -> {});
        messageLog.room = false;
        publishes.append(message("b/3", 1), 3, (c, id, m, e) -> {});
        messageLog.room = true;
        publishes.publishQos0(message("b/4", 0)); // would overtake b/3, which waits

        assertThat(messageLog.handedOver).containsExactly("b/2");
        assertThat(metrics.scrape())
                .containsPattern("wharf_messages_dropped_total\\{edge=\"test\",reason=\"kafka-unavailable\"\\} 2\\.0");
    }

    @Test
    void aMessageKafkaRefusesForGoodIsAnsweredAtOnceWithTheError() {
        messageLog.refuse = new IllegalArgumentException("record too large");
        publishes.append(message("c/1", 1), 1, (c, id, m, error) -> c.write("ack " + error.getMessage()));
        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).isEqualTo("ack record too large");
    }

    @Test
    void repliesLeaveInArrivalOrderWhateverOrderKafkaCompletesTheMessagesIn() {
        for (int id = 1; id <= 4; id++) {
            publishes.append(message("d/" + id, 1), id, InboundPublishesTest::ack);
        }
        messageLog.stored("d/3");
        messageLog.fail("d/2", new IllegalStateException("broker gone"));
        messageLog.stored("d/4");
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound()).as("all wait for the first").isNull();

        messageLog.stored("d/1");
        channel.runPendingTasks();
        assertThat(channel.outboundMessages())
                .containsExactly(
                        "ack 1 null", "ack 2 java.lang.IllegalStateException: broker gone", "ack 3 null", "ack 4 null");
    }

    @Test
    void repliesCompletedTogetherAreWrittenByOneTaskAndFlushedOnce() {
        List<String> events = new ArrayList<>();
        channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void write(
                    io.netty.channel.ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
                events.add("write " + msg);
                ctx.write(msg, promise);
            }

            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) {
                events.add("flush");
                ctx.flush();
            }
        });
        for (int id = 1; id <= 3; id++) {
            publishes.append(message("e/" + id, 1), id, InboundPublishesTest::ack);
        }
        messageLog.stored("e/2");
        messageLog.stored("e/1");
        messageLog.stored("e/3");
        channel.runPendingTasks();

        assertThat(events).containsExactly("write ack 1 null", "write ack 2 null", "write ack 3 null", "flush");
    }

    private static void ack(
            io.netty.channel.Channel channel, int packetId, ApplicationMessage message, Throwable error) {
        channel.write("ack " + packetId + " " + error);
    }

    private static ApplicationMessage message(String topic, int qos) {
        return new ApplicationMessage(topic, new byte[0], qos, false, "client", 0, ApplicationMessage.Properties.NONE);
    }

    /** A log whose room the test turns on and off, and whose writes it completes. */
    private static final class FakeLog implements MessageLog {
        boolean room = true;
        RuntimeException refuse;
        final List<String> handedOver = new ArrayList<>();
        final Map<String, Completion> written = new HashMap<>();

        @Override
        public CompletableFuture<LogPosition> append(ApplicationMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Append begin(ApplicationMessage message, Completion stored) {
            written.put(message.topic(), stored);
            return new Append() {
                private boolean done;

                @Override
                public boolean handOver() {
                    if (!done && refuse != null) {
                        stored.completed(null, refuse);
                        done = true;
                    } else if (!done && room) {
                        handedOver.add(message.topic());
                        done = true;
                    }
                    return done;
                }

                @Override
                public boolean untouched() {
                    return !done;
                }
            };
        }

        void fail(String topic, Throwable error) {
            written.get(topic).completed(null, error);
        }

        void stored(String topic) {
            written.get(topic).completed(new LogPosition("messages", 0, 0), null);
        }
    }
}
