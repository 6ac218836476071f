package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.Message;
import io.wharf.edge.message.MessageProperties;
import io.wharf.edge.metrics.EdgeMetrics;
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
    private final InboundPublishes publishes = new InboundPublishes(channel, messageLog, metrics);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        metrics.close();
    }

    @Test
    void messagesKafkaCannotTakeWaitInOrderAndAreAcknowledgedOnlyOnceStored() {
        channel.freezeTime();
        messageLog.room = false;
        publishes.append(message("a/1", 1), error -> () -> channel.write("ack 1 " + error));
        publishes.append(message("a/2", 1), error -> () -> channel.write("ack 2 " + error));
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
    void qos0MessagesAreDroppedAndCountedWhileKafkaCannotTakeThem() {
        messageLog.room = false;
        publishes.publishQos0(message("b/1", 0));
        messageLog.room = true;
        publishes.append(message("b/2", 1), error -> () -> {});
        messageLog.room = false;
        publishes.append(message("b/3", 1), error -> () -> {});
        messageLog.room = true;
        publishes.publishQos0(message("b/4", 0)); // would overtake b/3, which waits

        assertThat(messageLog.handedOver).containsExactly("b/2");
        assertThat(metrics.scrape())
                .containsPattern("wharf_messages_dropped_total\\{edge=\"test\",reason=\"kafka-unavailable\"\\} 2\\.0");
    }

    @Test
    void aMessageKafkaRefusesForGoodIsAnsweredAtOnceWithTheError() {
        messageLog.refuse = new IllegalArgumentException("record too large");
        publishes.append(message("c/1", 1), error -> () -> channel.write("ack " + error.getMessage()));
        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).isEqualTo("ack record too large");
    }

    private static Message message(String topic, int qos) {
        return new Message(topic, new byte[0], qos, false, "client", 0, MessageProperties.NONE);
    }

    /** A log whose room the test turns on and off, and whose writes it completes. */
    private static final class FakeLog implements MessageLog {
        boolean room = true;
        RuntimeException refuse;
        final List<String> handedOver = new ArrayList<>();
        final Map<String, CompletableFuture<LogPosition>> written = new HashMap<>();

        @Override
        public CompletableFuture<LogPosition> append(Message message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Append begin(Message message) {
            CompletableFuture<LogPosition> stored = new CompletableFuture<>();
            written.put(message.topic(), stored);
            return new Append() {
                private boolean done;

                @Override
                public boolean handOver() {
                    if (!done && refuse != null) {
                        stored.completeExceptionally(refuse);
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

                @Override
                public CompletableFuture<LogPosition> stored() {
                    return stored;
                }
            };
        }

        void stored(String topic) {
            written.get(topic).complete(new LogPosition("messages", 0, 0));
        }
    }
}
