package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.measure.Pacer;
import io.wharf.loadtest.measure.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Publishers that send on their own event loops at a fixed rate each (or as fast as their window
 * allows) for a fixed time. A publisher whose window is full falls behind and catches up when
 * acknowledgements come; the messages it sends late still carry the time they were due.
 */
public final class PublishLoop {

    private final int qos;
    private final int payloadSize;
    private final double ratePerPublisher;
    private final Duration duration;
    private final CountDownLatch finished;
    private final List<Publisher> publishers;

    /**
     * @param topics the topic of each publisher's message number {@code n}
     * @param options QoS, payload size, rate per publisher and duration
     */
    public PublishLoop(List<LoadConnection> connections, List<LongFunction<String>> topics, LoadOptions options) {
        this.qos = options.qos;
        this.payloadSize = options.payloadSize;
        this.ratePerPublisher = options.rate;
        this.duration = Duration.ofSeconds(options.durationSeconds);
        this.finished = new CountDownLatch(connections.size());
        this.publishers = new ArrayList<>(connections.size());
        for (int i = 0; i < connections.size(); i++) {
            publishers.add(new Publisher(connections.get(i), topics.get(i)));
        }
    }

    /** Starts every publisher at a random phase within its first period, so they do not beat together. */
    public void start() {
        long now = System.nanoTime();
        long end = now + duration.toNanos();
        long period = ratePerPublisher > 0 ? (long) (1e9 / ratePerPublisher) : 0;
        for (Publisher publisher : publishers) {
            long phase = period > 0 ? ThreadLocalRandom.current().nextLong(Math.min(period, 1_000_000_000L)) : 0;
            publisher.start(now + phase, end);
        }
    }

    /** Waits until every publisher stopped; returns false if one is still going after the grace. */
    public boolean awaitEnd(Duration grace) {
        try {
            return finished.await(duration.plus(grace).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Messages each publisher should have sent by the end, at the asked rate. */
    public long offered() {
        return ratePerPublisher > 0
                ? (long) Math.ceil(ratePerPublisher * duration.toNanos() / 1e9) * publishers.size()
                : 0;
    }

    private final class Publisher {
        private final LoadConnection connection;
        private final LongFunction<String> topics;
        private Pacer pacer;
        private long endNanos;
        private long sent;
        private long tickNanos;
        private boolean done;

        Publisher(LoadConnection connection, LongFunction<String> topics) {
            this.connection = connection;
            this.topics = topics;
        }

        void start(long startNanos, long endNanos) {
            this.pacer = new Pacer(ratePerPublisher, startNanos);
            this.endNanos = endNanos;
            // Ticks often enough for the rate, but at most a thousand a second and at least one.
            this.tickNanos = pacer.unlimited()
                    ? 10_000_000L
                    : Math.max(1_000_000L, Math.min(1_000_000_000L, (long) (1e9 / ratePerPublisher)));
            connection.execute(() -> {
                connection.onCapacity(this::sendDue);
                connection
                        .channel()
                        .eventLoop()
                        .schedule(this::tick, Math.max(0, startNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            });
        }

        private void tick() {
            sendDue();
            if (!done) {
                connection.channel().eventLoop().schedule(this::tick, tickNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void sendDue() {
            if (done) {
                return;
            }
            long now = System.nanoTime();
            if (now >= endNanos || !connection.channel().isActive()) {
                done = true;
                finished.countDown();
                return;
            }
            long due = pacer.unlimited() ? Long.MAX_VALUE : pacer.dueBy(now);
            int written = 0;
            boolean yielded = false;
            while (sent < due && connection.canPublish(qos)) {
                long stamp = pacer.unlimited() ? System.nanoTime() : pacer.intendedNanos(sent);
                connection.publish(topics.apply(sent), qos, Probe.payload(payloadSize, stamp));
                sent++;
                // Flush in batches so that an unlimited publisher does not hold the loop for long.
                if (++written % 64 == 0) {
                    connection.flush();
                    if (written >= 1024) {
                        yielded = true;
                        break;
                    }
                }
            }
            if (written > 0) {
                connection.flush();
            }
            if (yielded) {
                connection.execute(this::sendDue); // let the loop's other connections run, then go on
            }
        }
    }
}
