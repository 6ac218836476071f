package io.wharf.edge.session;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.wharf.edge.delivery.Delivery;
import io.wharf.edge.delivery.Subscriber;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.schemas.message.ApplicationMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay subscription of a session ({@code $replay/{from}[/{to}]/{filter}}): the messages of
 * a filter from a point in time, read from the log in offset order, then up to the replay's end or
 * on into the live stream. Each goes out on its topic behind the subscription's prefix, so that it
 * matches the subscription and a client tells it from a live one. A replay belongs to its
 * connection: it is not stored with the session, and its messages do not move the session's place
 * in the log. Used on the session's event loop; the live feed reaches it through {@link #takeUp}.
 */
final class ReplayStream implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(ReplayStream.class);
    private static final long RETRY_MS = 1000;
    /** The user property that marks the message announcing a replay's end. */
    static final ApplicationMessage.UserProperty END_MARK = new ApplicationMessage.UserProperty("wharf-replay", "end");

    /** The session side of a replay. */
    interface Client {
        /** Sends a replayed message if the client can take it now; false when it must wait. */
        boolean offer(LoggedMessage message, SubscriptionOptions options);

        boolean canTakeMore();

        /** Sends what waits. */
        void wake();

        /** The replay read everything up to its end; the session announces that and drops it. */
        void ended(ReplayStream replay);
    }

    private final ReplayRequest request;
    private final SubscriptionOptions options;
    private final SessionServices services;
    private final EventExecutor executor;
    private final Client client;
    private final LogCursor cursor;
    private boolean following;
    private CompletableFuture<?> feedFollow;
    private boolean started;
    private boolean stopped;
    private ScheduledFuture<?> endLookup;
    private long sent;

    ReplayStream(
            String clientId,
            ReplayRequest request,
            SubscriptionOptions options,
            SessionServices services,
            EventExecutor executor,
            Client client) {
        this.request = request;
        this.options = options;
        this.services = services;
        this.executor = executor;
        this.client = client;
        this.cursor = new LogCursor(
                clientId + " (" + request.text() + ")",
                services.reader(),
                services.catchUpBatch(),
                executor,
                new Reading());
    }

    ReplayRequest request() {
        return request;
    }

    /**
     * Finds where the replay starts in each partition (with Kafka's offsets for times), and where it
     * ends when that is already past; a replay without an end, or with one still to come, follows the
     * live feed too. Completes on the session's event loop; nothing is sent before {@link #start}.
     */
    CompletableFuture<Void> prepare() {
        Instant now = services.clock().instant();
        boolean endIsPast = request.isBounded() && !request.to().isAfter(now);
        CompletableFuture<Map<LogPartition, Long>> liveFrom = CompletableFuture.completedFuture(null);
        if (!endIsPast) {
            services.registry().add(request.filter(), this, options);
            following = true;
            liveFrom = services.feed().follow(request.filter());
            feedFollow = liveFrom;
        }
        CompletableFuture<Map<LogPartition, Long>> live = liveFrom;
        CompletableFuture<Map<LogPartition, Long>> starts =
                services.timeIndex().offsetsAt(request.filter(), request.from());
        CompletableFuture<Map<LogPartition, Long>> ends = endIsPast
                ? services.timeIndex().offsetsAt(request.filter(), request.to())
                : CompletableFuture.completedFuture(null);
        return CompletableFuture.allOf(live, starts, ends)
                .thenRunAsync(
                        () -> {
                            cursor.readFrom(starts.join(), live.join());
                            if (endIsPast) {
                                cursor.stopAt(ends.join());
                            } else if (request.isBounded()) {
                                endLookup = executor.schedule(
                                        this::lookUpEnd,
                                        Duration.between(now, request.to()).toMillis(),
                                        TimeUnit.MILLISECONDS);
                            }
                        },
                        executor);
    }

    /** The end has come: from here on the replay reads the log up to where it was at that time. */
    private void lookUpEnd() {
        services.timeIndex()
                .offsetsAt(request.filter(), request.to())
                .whenCompleteAsync(
                        (ends, error) -> {
                            if (stopped) {
                                return;
                            }
                            if (error != null) {
                                log.warn(
                                        "Finding the end of replay {} failed, retrying: {}",
                                        request.text(),
                                        error.toString());
                                endLookup = executor.schedule(this::lookUpEnd, RETRY_MS, TimeUnit.MILLISECONDS);
                                return;
                            }
                            stopFollowing();
                            cursor.stopAt(ends);
                            client.wake();
                        },
                        executor);
    }

    /** The client has its SUBACK: the replay may send. */
    void start() {
        started = true;
        client.wake();
    }

    /** Sends and reads on while the client takes more; ends the replay once it read to its end. */
    void pump() {
        if (!started || stopped) {
            return;
        }
        if (cursor.reachedEnd()) {
            client.ended(this);
            return;
        }
        cursor.readMore();
    }

    /** The announcement of the replay's end, with how many messages it sent. */
    ApplicationMessage endMessage() {
        String text = new String(JsonStringEncoder.getInstance().quoteAsString(request.text()));
        byte[] payload = ("{\"replay\":\"" + text + "\",\"messages\":" + sent + "}").getBytes(StandardCharsets.UTF_8);
        ApplicationMessage.Properties properties =
                new ApplicationMessage.Properties(1, null, "application/json", null, null, List.of(END_MARK));
        return new ApplicationMessage(
                request.endTopic(), payload, 0, false, null, services.clock().millis(), properties);
    }

    SubscriptionOptions options() {
        return options;
    }

    /** Stops reading and following; what is in flight stays for the client to acknowledge. */
    void stop() {
        stopped = true;
        cursor.close();
        stopFollowing();
        if (endLookup != null) {
            endLookup.cancel(false);
        }
    }

    private void stopFollowing() {
        if (following) {
            following = false;
            services.registry().remove(request.filter(), this);
            // Given back once taken: a follow that failed took nothing, and must not take from others.
            feedFollow.thenRun(() -> services.feed().unfollow(request.filter()));
        }
    }

    @Override
    public EventExecutor executor() {
        return executor;
    }

    @Override
    public void takeUp(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            if (following) {
                cursor.onLive(delivery.message(), delivery.matched(), !started);
            }
        }
    }

    /** A message as the replay sends it: behind the subscription's prefix, and never expired (it is history). */
    private LoggedMessage replayed(LoggedMessage logged) {
        ApplicationMessage message = logged.message();
        ApplicationMessage.Properties p = message.properties();
        ApplicationMessage.Properties withoutExpiry = new ApplicationMessage.Properties(
                p.payloadFormat(), null, p.contentType(), p.responseTopic(), p.correlationData(), p.userProperties());
        ApplicationMessage replayed = new ApplicationMessage(
                request.topicPrefix() + message.topic(),
                message.payload(),
                message.qos(),
                message.retain(),
                message.publisherId(),
                message.timestampMs(),
                withoutExpiry);
        return new LoggedMessage(replayed, logged.position());
    }

    private boolean inTimeRange(ApplicationMessage message) {
        long time = message.timestampMs();
        return time >= request.from().toEpochMilli()
                && (!request.isBounded() || time < request.to().toEpochMilli());
    }

    /** The replay's filter and time range, as its cursor through the log sees them. */
    private final class Reading implements LogCursor.Reader {

        @Override
        public List<SubscriptionOptions> matching(LoggedMessage message) {
            return request.filter().matches(message.message().topic()) ? List.of(options) : List.of();
        }

        @Override
        public boolean offer(LoggedMessage message, List<SubscriptionOptions> matched) {
            if (!inTimeRange(message.message())) {
                return true; // written around the replay's start or end, but stamped outside it
            }
            if (!client.offer(replayed(message), options)) {
                return false;
            }
            sent++;
            return true;
        }

        @Override
        public boolean canTakeMore() {
            return client.canTakeMore();
        }

        @Override
        public void progressed() {
            // a replay is not stored
        }

        @Override
        public void wake() {
            client.wake();
        }
    }
}
