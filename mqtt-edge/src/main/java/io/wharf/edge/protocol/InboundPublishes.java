package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.Message;
import io.wharf.edge.metrics.EdgeMetrics;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages one client published that are not answered yet. Their replies go out in the order
 * the packets came ({@link ReplyOrder}), written together and flushed once. A message the log
 * cannot take at once (Kafka is away, or its producer's buffer is full) waits here, in order, and
 * is handed over again from the connection's event loop, with growing pauses, until the log takes
 * it or the outage limit passes; meanwhile the client's QoS 0 messages are dropped and counted,
 * since they may not overtake the waiting ones. How many wait is bounded by the Receive Maximum
 * (an MQTT 5 client keeps to it; an older one is no longer read from beyond it). Nothing here
 * blocks. Used on the connection's event loop, except where a method says otherwise.
 */
final class InboundPublishes {

    private static final Logger log = LoggerFactory.getLogger(InboundPublishes.class);
    private static final long FIRST_RETRY_MS = 10;
    private static final long LAST_RETRY_MS = 1000;

    private final Channel channel;
    private final MessageLog messageLog;
    private final EdgeMetrics metrics;
    private final ReplyOrder<Runnable> replies = new ReplyOrder<>();
    private final Queue<MessageLog.Append> waiting = new ArrayDeque<>();
    private long retryDelayMs = FIRST_RETRY_MS;
    private boolean retryScheduled;

    InboundPublishes(Channel channel, MessageLog messageLog, EdgeMetrics metrics) {
        this.channel = channel;
        this.messageLog = messageLog;
        this.metrics = metrics;
    }

    /** A QoS 0 message: written if the log takes it now, dropped and counted otherwise. */
    void publishQos0(Message message) {
        if (!waiting.isEmpty()) {
            dropped(message);
            return;
        }
        MessageLog.Append append = messageLog.begin(message);
        if (!append.handOver()) {
            if (append.untouched()) {
                dropped(message);
                return;
            }
            hold(append); // half of a retained message is in: the rest must follow
        }
        append.stored().whenComplete((position, error) -> {
            if (error != null) {
                log.debug(
                        "Could not store a QoS 0 message from {} on {}: {}",
                        channel.remoteAddress(),
                        message.topic(),
                        error.toString());
            }
        });
    }

    /**
     * A QoS 1 or 2 message for the log. Its reply, made by {@code answer} from the outcome (null
     * once stored, the error otherwise), is run on the event loop in its turn.
     */
    void append(Message message, Function<Throwable, Runnable> answer) {
        ReplyOrder.Slot<Runnable> slot = replies.next();
        MessageLog.Append append = messageLog.begin(message);
        append.stored().whenComplete((position, error) -> answer(slot, answer.apply(error)));
        if (!waiting.isEmpty() || !append.handOver()) {
            hold(append);
        }
    }

    /** A message stored elsewhere (with its session state): its reply waits for {@code stored}, in its turn. */
    void await(CompletableFuture<?> stored, Function<Throwable, Runnable> answer) {
        ReplyOrder.Slot<Runnable> slot = replies.next();
        stored.whenComplete((done, error) -> answer(slot, answer.apply(error)));
    }

    /** A reply known at once, which still goes out in its turn. */
    void answerNow(Runnable reply) {
        answer(replies.next(), reply);
    }

    /** Any thread. */
    private void answer(ReplyOrder.Slot<Runnable> slot, Runnable reply) {
        if (replies.complete(slot, reply)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        if (replies.drain(Runnable::run) > 0) {
            channel.flush();
        }
    }

    private void dropped(Message message) {
        metrics.droppedQos0KafkaUnavailable();
        log.debug("Dropped a QoS 0 message on {}: Kafka cannot take it now", message.topic());
    }

    private void hold(MessageLog.Append append) {
        waiting.add(append);
        if (!retryScheduled) {
            retryScheduled = true;
            channel.eventLoop().schedule(this::retry, retryDelayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        retryScheduled = false;
        MessageLog.Append head;
        while ((head = waiting.peek()) != null && head.handOver()) {
            waiting.remove();
        }
        if (waiting.isEmpty()) {
            retryDelayMs = FIRST_RETRY_MS;
            return;
        }
        retryDelayMs = Math.min(retryDelayMs * 2, LAST_RETRY_MS);
        retryScheduled = true;
        channel.eventLoop().schedule(this::retry, retryDelayMs, TimeUnit.MILLISECONDS);
    }
}
