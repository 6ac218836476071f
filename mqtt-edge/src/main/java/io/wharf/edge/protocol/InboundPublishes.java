package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.netty.ClientAddress;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages one client published that are not answered yet. Their replies go out in the order
 * the packets came ({@link ReplyOrder}), written together and flushed once. A message the log
 * cannot take at once (Kafka is away, or its producer's buffer is full) waits here, in order, and
 * is handed over again from the connection's event loop, with growing pauses, until the log takes
 * it or the outage limit passes; meanwhile the edge stops reading from the client, and the QoS 0
 * messages it had read already are dropped and counted, since they may not overtake the waiting
 * ones. Without that stop a client that sends large messages without waiting for their PUBACKs
 * would park up to a Receive Maximum of them here (1,024 of 1 MiB each by default). Nothing here
 * blocks. Used on the connection's event loop, except where a method says otherwise.
 *
 * <p>A message costs one object on its way: its place in line, which is also what the log tells
 * when it is done. Whatever the log completes together is answered by one task on the event loop,
 * which writes the replies whose turn it is and flushes once.
 */
final class InboundPublishes {

    private static final Logger log = LoggerFactory.getLogger(InboundPublishes.class);
    private static final long FIRST_RETRY_MS = 10;
    private static final long LAST_RETRY_MS = 1000;

    private final Channel channel;
    private final ReadPauses pauses;
    private final MessageLog messageLog;
    private final EdgeMetrics metrics;
    private final ReplyOrder<Pending> replies = new ReplyOrder<>();
    private final Runnable drain = this::drain;
    private final Queue<MessageLog.Append> waiting = new ArrayDeque<>();
    private long retryDelayMs = FIRST_RETRY_MS;
    private boolean retryScheduled;

    InboundPublishes(Channel channel, ReadPauses pauses, MessageLog messageLog, EdgeMetrics metrics) {
        this.channel = channel;
        this.pauses = pauses;
        this.messageLog = messageLog;
        this.metrics = metrics;
    }

    /** A QoS 0 message: written if the log takes it now, dropped and counted otherwise. */
    void publishQos0(ApplicationMessage message) {
        if (!waiting.isEmpty()) {
            dropped(message);
            return;
        }
        MessageLog.Append append = messageLog.begin(message, (position, error) -> {
            if (error != null) {
                log.debug(
                        "Could not store a QoS 0 message from {} on {}: {}",
                        ClientAddress.of(channel),
                        message.topic(),
                        error.toString());
            }
        });
        if (!append.handOver()) {
            if (append.untouched()) {
                dropped(message);
                return;
            }
            hold(append); // half of a retained message is in: the rest must follow
        }
    }

    /**
     * A QoS 1 or 2 message for the log. {@code answer} is told the outcome on the event loop, in
     * its turn.
     */
    void append(ApplicationMessage message, int packetId, Answer answer) {
        Pending pending = new Pending(message, packetId, answer);
        replies.add(pending);
        MessageLog.Append append = messageLog.begin(message, pending);
        if (!waiting.isEmpty() || !append.handOver()) {
            hold(append);
        }
    }

    /** A message stored elsewhere (with its session state): {@code answer} waits for {@code stored}, in its turn. */
    void await(CompletableFuture<?> stored, ApplicationMessage message, int packetId, Answer answer) {
        Pending pending = new Pending(message, packetId, answer);
        replies.add(pending);
        stored.whenComplete((done, error) -> pending.completed(null, error));
    }

    /** A reply known at once, which still goes out in its turn. */
    void answerNow(Runnable reply) {
        Pending pending = new Pending(null, 0, (channel, packetId, message, error) -> reply.run());
        replies.add(pending);
        pending.completed(null, null);
    }

    private void drain() {
        if (replies.drain(Pending::answer) > 0) {
            channel.flush();
        }
    }

    private void dropped(ApplicationMessage message) {
        metrics.droppedQos0KafkaUnavailable();
        log.debug("Dropped a QoS 0 message on {}: Kafka cannot take it now", message.topic());
    }

    private void hold(MessageLog.Append append) {
        waiting.add(append);
        pauses.pause(ReadPauses.Reason.LOG_FULL);
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
            pauses.resume(ReadPauses.Reason.LOG_FULL);
            return;
        }
        retryDelayMs = Math.min(retryDelayMs * 2, LAST_RETRY_MS);
        retryScheduled = true;
        channel.eventLoop().schedule(this::retry, retryDelayMs, TimeUnit.MILLISECONDS);
    }

    /** How a message is answered once the log is done with it. On the connection's event loop. */
    @FunctionalInterface
    interface Answer {

        /** @param error null once the message is stored; why it is not otherwise */
        void answer(Channel channel, int packetId, ApplicationMessage message, Throwable error);
    }

    /** A message's place in line, told by the log (on any thread) how its append ended. */
    private final class Pending extends ReplyOrder.Slot implements MessageLog.Completion {

        private final ApplicationMessage message;
        private final int packetId;
        private final Answer answer;
        private Throwable error; // published by ReplyOrder.complete

        Pending(ApplicationMessage message, int packetId, Answer answer) {
            this.message = message;
            this.packetId = packetId;
            this.answer = answer;
        }

        @Override
        public void completed(LogPosition position, Throwable failure) {
            error = failure;
            if (replies.complete(this)) {
                channel.eventLoop().execute(drain);
            }
        }

        void answer() {
            answer.answer(channel, packetId, message, error);
        }
    }
}
