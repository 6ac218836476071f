package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.delivery.Delivery;
import io.wharf.edge.delivery.Subscriber;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One client's session while it is connected: its subscriptions, its progress through the log, and
 * the state it stores for the next connection. Kafka is its queue: what the live stream cannot hand
 * over (the client was offline, or too slow), the session reads from the log itself, from where it
 * got to. What it sends, and what the client has yet to acknowledge, is its {@link Outbox}'s.
 *
 * <p>A session is used only on its connection's event loop ({@link #executor}); the live feed's
 * thread reaches it through {@link #takeUp}, handed there, as do shared subscriptions' readers
 * through {@link #offerShared}.
 */
public final class Session implements Subscriber, SharedMember {

    /** Deliveries that may wait for a write of the session's state; beyond, it reads them from the log later. */
    private static final int MAX_WAITING_SENDS = 256;

    private static final long MAX_WAITING_BYTES = 1024 * 1024;

    private final String clientId;
    private final EventExecutor executor;
    private final SessionServices services;
    private final OwnSubscriptions subscriptions;
    private final LogCursor cursor;
    private final Outbox outbox;
    private final InboundQos2 inboundQos2 = new InboundQos2();
    private final SharedMemberships shared;
    private final SessionReplays replays;
    private final SessionCheckpoints checkpoints;
    private final InboundQos2Writes qos2Writes;
    private SessionOutput output;
    private long expiryIntervalSeconds;
    private PendingWill will;
    private boolean resending;

    private Session(
            SessionClaim claim,
            boolean mqtt5,
            EventExecutor executor,
            SessionServices services,
            SessionOutput output,
            int windowCapacity,
            long expiryIntervalSeconds) {
        this.clientId = claim.clientId();
        this.executor = executor;
        this.services = services;
        this.output = output;
        this.expiryIntervalSeconds = expiryIntervalSeconds;
        this.shared = new SharedMemberships(services.shared(), this);
        this.cursor = new LogCursor(clientId, services.reader(), services.catchUpBatch(), executor, new CursorReader());
        SessionFollows follows = new SessionFollows(clientId, services.feed(), executor, cursor, new FollowingOwner());
        this.checkpoints = new SessionCheckpoints(
                services.store(),
                claim,
                executor,
                () -> snapshot(0),
                () -> this.expiryIntervalSeconds == 0,
                services.checkpointIntervalMs(),
                MAX_WAITING_SENDS,
                MAX_WAITING_BYTES,
                this::pump);
        this.outbox = new Outbox(
                clientId,
                mqtt5,
                windowCapacity,
                services.reader(),
                executor,
                checkpoints,
                () -> this.output,
                services.metrics(),
                services.clock(),
                this::pump);
        this.subscriptions = new OwnSubscriptions(services.registry(), this, follows, executor, checkpoints::changed);
        this.replays = new SessionReplays(clientId, services, executor, outbox, this::pump);
        this.qos2Writes = new InboundQos2Writes(
                services.store(),
                claim,
                executor,
                checkpoints,
                inboundQos2,
                ids -> snapshot(0, ids),
                () -> this.output != null);
    }

    /**
     * The session a new connection continues: the claimed one's previous state, or a new, empty one.
     * Call {@link #resume()} once the client has its CONNACK.
     */
    public static Session open(
            SessionClaim claim,
            boolean mqtt5,
            EventExecutor executor,
            SessionServices services,
            SessionOutput output,
            int windowCapacity,
            long expiryIntervalSeconds) {
        Session session = new Session(claim, mqtt5, executor, services, output, windowCapacity, expiryIntervalSeconds);
        session.checkpoints.changed(); // stored soon even if nothing happens, so that it exists for a takeover
        if (claim.previous().isEmpty()) {
            return session;
        }
        // The claim carries the previous state, with its expiry: if this edge dies, the router must
        // not keep it for that long when the session now ends with its connection.
        session.checkpoints.mustStore();
        SessionSnapshot snapshot = claim.previous().get();
        snapshot.subscriptions().forEach((filter, options) -> {
            if (SharedSubscription.isShared(filter)) {
                session.shared.restore(SharedSubscription.parse(filter), options);
            } else {
                session.subscriptions.restore(TopicFilter.parse(filter), options);
            }
        });
        snapshot.nextOffsets().forEach(session.cursor::restore);
        session.outbox.restore(snapshot.inFlight());
        session.inboundQos2.restore(snapshot.inboundQos2());
        return session;
    }

    public String clientId() {
        return clientId;
    }

    public InboundQos2 inboundQos2() {
        return inboundQos2;
    }

    public long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public void expiryIntervalSeconds(long seconds) {
        expiryIntervalSeconds = seconds;
        checkpoints.changed();
    }

    /** The will of the current connection (null for none), stored with the session until published. */
    public void will(PendingWill will) {
        this.will = will;
        checkpoints.mustStore(); // the router publishes it from the stored session if this edge dies
    }

    /** Runs {@code send} once the session's current state is durable (and after what waits already). */
    public void sendOnceStored(Runnable send) {
        checkpoints.sendOnceStored(() -> {
            if (output != null) {
                send.run();
            }
        });
    }

    /**
     * Stores a QoS 2 message from the client together with the session state that records its packet
     * id (already begun in {@link #inboundQos2()}): after a crash, the next edge recognises the
     * client's re-send instead of storing it again. Completes on the session's event loop.
     */
    public CompletableFuture<Void> storeQos2(ApplicationMessage message) {
        return qos2Writes.store(message);
    }

    public boolean hasSubscription(TopicFilter filter) {
        return subscriptions.contains(filter);
    }

    /** How many subscriptions the session holds, its own and its shared ones (not its replays). */
    public int subscriptionCount() {
        return subscriptions.count() + shared.count();
    }

    /** Whether the session holds exactly this shared subscription already. */
    public boolean hasSharedSubscription(SharedSubscription subscription) {
        return shared.options(subscription) != null;
    }

    /** The filters of the session's own subscriptions (not its shared ones, nor its replays). */
    public List<TopicFilter> subscriptionFilters() {
        Map<String, SubscriptionOptions> own = new LinkedHashMap<>();
        subscriptions.storeInto(own);
        return own.keySet().stream().map(TopicFilter::parse).toList();
    }

    /** QoS 0 messages dropped because the client did not keep up. */
    public long droppedQos0() {
        return outbox.droppedQos0();
    }

    // ---- subscriptions -------------------------------------------------------------------------

    /**
     * Adds or replaces a subscription. The future completes on the session's event loop once every
     * message published from now on that matches reaches this session.
     */
    public CompletableFuture<Void> subscribe(TopicFilter filter, SubscriptionOptions options) {
        return subscriptions.subscribe(filter, options);
    }

    /** Removes a subscription; returns false if there was none. */
    public boolean unsubscribe(TopicFilter filter) {
        return subscriptions.unsubscribe(filter);
    }

    /**
     * Adds or replaces a shared subscription. The future completes once every message published from
     * now on that matches reaches one member of it (no retained messages: MQTT sends none for them).
     */
    public CompletableFuture<Void> subscribeShared(SharedSubscription subscription, SubscriptionOptions options) {
        checkpoints.changed();
        return shared.subscribe(subscription, options);
    }

    /** Removes a shared subscription; returns false if there was none. */
    public boolean unsubscribeShared(SharedSubscription subscription) {
        checkpoints.changed();
        return shared.unsubscribe(subscription);
    }

    /** Whether the client may start this replay: it runs fewer than the most replays at once. */
    public boolean canReplay(ReplayRequest request) {
        return replays.hasRoomFor(request.text());
    }

    /**
     * Adds a replay subscription, or starts one with the same text over. The future completes on the
     * session's event loop once the replay knows where to start; it sends from {@link
     * #startReplay}, after SUBACK.
     */
    public CompletableFuture<Void> replay(ReplayRequest request, SubscriptionOptions options) {
        return replays.prepare(request, options);
    }

    public void startReplay(ReplayRequest request) {
        replays.start(request);
    }

    /** Stops a replay; returns false if there was none (or it had ended). */
    public boolean unsubscribeReplay(String text) {
        return replays.remove(text);
    }

    /** Sends the retained messages matching a subscription, after its SUBACK. */
    public void sendRetained(TopicFilter filter, SubscriptionOptions options) {
        outbox.addRetained(services.retained().matching(filter), options);
        pump();
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    /**
     * Continues a restored session: re-sends what was in flight (PUBLISH with DUP, or PUBREL), then
     * catches up from the log with everything published while the client was away.
     */
    public CompletableFuture<Void> resume() {
        resending = true;
        List<CompletableFuture<Void>> following = subscriptions.resume();
        shared.rejoin();
        return outbox.resend()
                .thenCompose(done -> CompletableFuture.allOf(following.toArray(CompletableFuture[]::new)))
                .whenCompleteAsync(
                        (done, error) -> {
                            resending = false;
                            pump();
                        },
                        executor);
    }

    /**
     * The connection has closed: stop receiving, and return the session's state for the store,
     * disconnected now (its expiry counts from here). The session object is done after this.
     */
    public SessionSnapshot detach() {
        output = null;
        cursor.close();
        checkpoints.stop();
        qos2Writes.connectionEnded();
        subscriptions.leave();
        outbox.handBackShared();
        shared.leave();
        replays.stopAll();
        return snapshot(services.clock().millis());
    }

    /** The session's state now, for an operator to look at; on the session's executor only. */
    public SessionSnapshot snapshotNow() {
        return snapshot(0);
    }

    /** The session's state now; {@code disconnectedAtMs} 0 while connected. */
    private SessionSnapshot snapshot(long disconnectedAtMs) {
        return snapshot(disconnectedAtMs, inboundQos2.storedIds());
    }

    private SessionSnapshot snapshot(long disconnectedAtMs, Set<Integer> inboundIds) {
        Map<LogPartition, Long> nextOffsets = cursor.nextOffsets();
        // A message is in flight before its offset counts as passed; the stored position must never
        // point at it, or a resumed session would re-send it from the window and read it again anew.
        // Shared messages are Kafka's to deliver again, not the session's.
        List<InFlight> own = outbox.storedEntries();
        for (InFlight entry : own) {
            nextOffsets.merge(entry.position().logPartition(), entry.position().offset() + 1, Math::max);
        }
        Map<String, SubscriptionOptions> stored = new LinkedHashMap<>();
        subscriptions.storeInto(stored);
        shared.storeInto(stored);
        List<InFlight> inFlight = own.stream().map(InFlight::withoutMessage).toList();
        return new SessionSnapshot(
                clientId, expiryIntervalSeconds, stored, nextOffsets, inFlight, inboundIds, disconnectedAtMs, will);
    }

    // ---- delivery ------------------------------------------------------------------------------

    @Override
    public EventExecutor executor() {
        return executor;
    }

    @Override
    public void takeUp(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            if (output != null) {
                cursor.onLive(delivery.message(), delivery.matched(), resending);
            }
        }
    }

    /** Sends what waits (retained messages, then partitions catching up) while the client can take it. */
    public void pump() {
        if (output == null || resending) {
            return;
        }
        if (outbox.hasRoom()) {
            shared.roomAgain();
        }
        if (!outbox.sendWaitingRetained()) {
            return;
        }
        cursor.readMore();
        replays.pumpAll();
    }

    /** The session, as the follows of its subscriptions see it. */
    private final class FollowingOwner implements SessionFollows.Owner {

        @Override
        public boolean wants(TopicFilter filter) {
            return output != null && subscriptions.contains(filter);
        }

        @Override
        public void wake() {
            pump();
        }
    }

    /** The session's own subscriptions, as its cursor through the log sees them. */
    private final class CursorReader implements LogCursor.Reader {

        @Override
        public List<SubscriptionOptions> matching(LoggedMessage message) {
            return subscriptions.matching(message.message().topic());
        }

        @Override
        public boolean offer(LoggedMessage message, List<SubscriptionOptions> matched) {
            return outbox.offer(message, matched, false);
        }

        @Override
        public boolean canTakeMore() {
            return outbox.canTakeMore();
        }

        @Override
        public void progressed() {
            checkpoints.changed();
        }

        @Override
        public void wake() {
            pump();
        }
    }

    // ---- acknowledgements from the client ---------------------------------------------------------

    public void onPubAck(int packetId) {
        outbox.onPubAck(packetId);
    }

    /** @return false if no QoS 2 message with that id is in flight */
    public boolean onPubRec(int packetId, boolean accepted) {
        return outbox.onPubRec(packetId, accepted);
    }

    public void onPubComp(int packetId) {
        outbox.onPubComp(packetId);
    }

    // ---- shared subscriptions -----------------------------------------------------------------

    @Override
    public void offerShared(SharedSubscription subscription, SharedDelivery delivery) {
        executor.execute(() -> {
            SubscriptionOptions options = output == null ? null : shared.options(subscription);
            if (options == null) {
                delivery.refused();
            } else if (!outbox.offerShared(delivery, options, resending)) {
                shared.refusedForLackOfRoom();
            }
        });
    }
}
