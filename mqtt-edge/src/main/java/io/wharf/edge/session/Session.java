package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.delivery.Delivery;
import io.wharf.edge.delivery.Subscriber;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session while it is connected: its subscriptions, its progress through the log, and
 * the messages in flight to it. Kafka is its queue: what the live stream cannot hand over (the
 * client was offline, or too slow), the session reads from the log itself, from where it got to.
 *
 * <p>A session is used only on its connection's event loop ({@link #executor}); the live feed's
 * thread reaches it through {@link #deliver}, which hops there, as do shared subscriptions' readers
 * through {@link #offerShared}.
 */
public final class Session implements Subscriber, SharedMember {

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /** Deliveries that may wait for a write of the session's state; beyond, it reads them from the log later. */
    private static final int MAX_WAITING_SENDS = 256;

    private static final long MAX_WAITING_BYTES = 1024 * 1024;

    private final String clientId;
    private final boolean mqtt5;
    private final EventExecutor executor;
    private final SessionServices services;
    private final Map<TopicFilter, SubscriptionOptions> subscriptions = new LinkedHashMap<>();
    private final LogCursor cursor;
    private final SessionFollows follows;
    private final InFlightResend inFlightResend;
    private final OutboundWindow window;
    private final InboundQos2 inboundQos2 = new InboundQos2();
    private final ArrayDeque<Pending> pendingRetained = new ArrayDeque<>();
    private final SharedDeliveries shared;
    private final SessionReplays replays = new SessionReplays();
    private final SessionCheckpoints checkpoints;
    private final SessionClaim claim;
    private final InboundQos2Writes qos2Writes;
    private SessionOutput output;
    private long expiryIntervalSeconds;
    private long droppedQos0;
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
        this.mqtt5 = mqtt5;
        this.executor = executor;
        this.services = services;
        this.output = output;
        this.window = new OutboundWindow(windowCapacity);
        this.expiryIntervalSeconds = expiryIntervalSeconds;
        this.claim = claim;
        this.shared = new SharedDeliveries(services.shared(), this, window, clientId, mqtt5);
        this.cursor =
                new LogCursor(clientId, services.reader(), services.catchUpBatch(), executor, new OwnSubscriptions());
        this.follows = new SessionFollows(clientId, services.feed(), executor, cursor, new FollowingOwner());
        this.inFlightResend = new InFlightResend(clientId, services.reader(), executor, window, () -> this.output);
        this.checkpoints = new SessionCheckpoints(
                services.store(),
                claim,
                executor,
                () -> snapshot(0),
                services.checkpointIntervalMs(),
                MAX_WAITING_SENDS,
                MAX_WAITING_BYTES,
                this::pump);
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
        SessionSnapshot snapshot = claim.previous().get();
        snapshot.subscriptions().forEach((filter, options) -> {
            if (SharedSubscription.isShared(filter)) {
                session.shared.restore(SharedSubscription.parse(filter), options);
            } else {
                session.subscriptions.put(TopicFilter.parse(filter), options);
            }
        });
        snapshot.nextOffsets().forEach(session.cursor::restore);
        snapshot.inFlight().forEach(session.window::put);
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
        checkpoints.changed();
    }

    /** Runs {@code send} once the session's current state is durable (and after what waits already). */
    public void sendOnceStored(Runnable send) {
        checkpoints.send(true, () -> {
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
    public CompletableFuture<Void> storeQos2(Message message) {
        return qos2Writes.store(message);
    }

    public boolean hasSubscription(TopicFilter filter) {
        return subscriptions.containsKey(filter);
    }

    /** QoS 0 messages dropped because the client did not keep up. */
    public long droppedQos0() {
        return droppedQos0;
    }

    // ---- subscriptions -------------------------------------------------------------------------

    /**
     * Adds or replaces a subscription. The future completes on the session's event loop once every
     * message published from now on that matches reaches this session.
     */
    public CompletableFuture<Void> subscribe(TopicFilter filter, SubscriptionOptions options) {
        boolean isNew = subscriptions.put(filter, options) == null;
        services.registry().add(filter, this, options);
        checkpoints.changed();
        if (!isNew) {
            return CompletableFuture.completedFuture(null);
        }
        return follows.followNew(filter)
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null && !follows.isFollowing(filter)) {
                                // SUBACK says it failed: the subscription is undone, and the feed keeps what others
                                // need.
                                subscriptions.remove(filter);
                                services.registry().remove(filter, this);
                                checkpoints.changed();
                            }
                        },
                        executor);
    }

    /** Removes a subscription; returns false if there was none. */
    public boolean unsubscribe(TopicFilter filter) {
        if (subscriptions.remove(filter) == null) {
            return false;
        }
        services.registry().remove(filter, this);
        follows.unfollow(filter);
        checkpoints.changed();
        return true;
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
        ReplayStream replay = new ReplayStream(clientId, request, options, services, executor, new ReplayClient());
        replays.add(replay);
        return replay.prepare()
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null) {
                                replays.remove(replay);
                            }
                        },
                        executor);
    }

    public void startReplay(ReplayRequest request) {
        ReplayStream replay = replays.get(request.text());
        if (replay != null) {
            replay.start();
        }
    }

    /** Stops a replay; returns false if there was none (or it had ended). */
    public boolean unsubscribeReplay(String text) {
        return replays.remove(text);
    }

    /** Sends the retained messages matching a subscription, after its SUBACK. */
    public void sendRetained(TopicFilter filter, SubscriptionOptions options) {
        for (LoggedMessage message : services.retained().matching(filter)) {
            pendingRetained.add(new Pending(message, options));
        }
        pump();
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    /**
     * Continues a restored session: re-sends what was in flight (PUBLISH with DUP, or PUBREL), then
     * catches up from the log with everything published while the client was away.
     */
    public CompletableFuture<Void> resume() {
        resending = true;
        List<CompletableFuture<Void>> following = new ArrayList<>();
        for (Map.Entry<TopicFilter, SubscriptionOptions> subscription : subscriptions.entrySet()) {
            services.registry().add(subscription.getKey(), this, subscription.getValue());
            following.add(follows.catchUp(subscription.getKey()));
        }
        shared.rejoin();
        return inFlightResend
                .resend(new ArrayList<>(window.entries()))
                .thenCompose(done -> CompletableFuture.allOf(following.toArray(CompletableFuture[]::new)))
                .whenCompleteAsync(
                        (done, error) -> {
                            resending = false;
                            pump();
                        },
                        executor);
    }

    /**
     * The connection has closed: stop receiving, and return the session's state for the store. The
     * session object is done after this.
     */
    public SessionSnapshot detach(long nowMs) {
        output = null;
        cursor.close();
        checkpoints.stop();
        qos2Writes.connectionEnded();
        subscriptions.keySet().forEach(filter -> {
            services.registry().remove(filter, this);
            follows.unfollow(filter);
        });
        shared.leave();
        replays.stopAll();
        return snapshot(nowMs);
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
        List<InFlight> own = window.entries().stream()
                .filter(entry -> !shared.isInFlight(entry.packetId()) && !replays.isInFlight(entry.packetId()))
                .toList();
        for (InFlight entry : own) {
            nextOffsets.merge(entry.position().logPartition(), entry.position().offset() + 1, Math::max);
        }
        Map<String, SubscriptionOptions> stored = new LinkedHashMap<>();
        subscriptions.forEach((filter, options) -> stored.put(filter.text(), options));
        shared.storeInto(stored);
        List<InFlight> inFlight = own.stream().map(InFlight::withoutMessage).toList();
        return new SessionSnapshot(
                clientId, expiryIntervalSeconds, stored, nextOffsets, inFlight, inboundIds, disconnectedAtMs, will);
    }

    // ---- delivery ------------------------------------------------------------------------------

    @Override
    public void deliver(List<Delivery> deliveries) {
        services.backlog().handOver(executor, deliveries, delivery -> {
            if (output != null) {
                cursor.onLive(delivery.message(), delivery.matched(), resending);
            }
        });
    }

    /**
     * Sends a message now if the client can take it.
     *
     * @return false if it must wait: the in-flight window is full or the socket is not writable
     */
    private boolean offer(LoggedMessage logged, List<SubscriptionOptions> matched, boolean retainedOnSubscribe) {
        return offer(logged, matched, retainedOnSubscribe, false);
    }

    /**
     * @param replayed the message is a replay's: not the session's to store, and never dropped for a
     *     slow client (the replay waits instead)
     */
    private boolean offer(
            LoggedMessage logged, List<SubscriptionOptions> matched, boolean retainedOnSubscribe, boolean replayed) {
        DeliveryPlan plan = DeliveryPlan.of(logged.message(), matched, clientId, mqtt5, retainedOnSubscribe);
        if (plan == null || Expiry.hasExpired(logged.message(), System.currentTimeMillis())) {
            return true;
        }
        int bytes = logged.message().payload().length;
        if (plan.qos() == 0) {
            if (output.isWritable() && checkpoints.hasRoom()) {
                checkpoints.send(false, bytes, () -> publish(logged, plan, false, 0));
            } else if (replayed) {
                return false;
            } else {
                droppedQos0++;
                services.metrics().droppedForSlowSubscriber();
                log.debug(
                        "{}: dropped a QoS 0 message, the client is not keeping up ({} so far)", clientId, droppedQos0);
            }
            return true;
        }
        if (!window.hasRoom() || !output.isWritable() || !checkpoints.hasRoom()) {
            return false;
        }
        int packetId = window.nextPacketId();
        window.put(new InFlight(
                packetId, logged.position(), plan.qos(), plan.retain(), plan.subscriptionIds(), logged, false));
        if (replayed) {
            replays.track(packetId);
        }
        // QoS 2 goes out only once its packet id is stored, so that no edge delivers it under another id.
        checkpoints.send(plan.qos() == 2 && !replayed, bytes, () -> {
            if (!publish(logged, plan, false, packetId)) {
                window.remove(packetId); // too large for the client: as good as delivered
                replays.settled(packetId);
            }
        });
        if (!replayed) {
            checkpoints.changed();
        }
        return true;
    }

    /** @return false if the client's Maximum Packet Size kept it from being sent */
    private boolean publish(LoggedMessage logged, DeliveryPlan plan, boolean dup, int packetId) {
        return output == null
                || output.publish(logged.message(), plan.qos(), plan.retain(), dup, packetId, plan.subscriptionIds());
    }

    /** Sends what waits (retained messages, then partitions catching up) while the client can take it. */
    public void pump() {
        if (output == null || resending) {
            return;
        }
        if (window.hasRoom() && output.isWritable()) {
            shared.roomAgain();
        }
        while (!pendingRetained.isEmpty()) {
            Pending next = pendingRetained.peek();
            if (!offer(next.message, List.of(next.options), true)) {
                return;
            }
            pendingRetained.poll();
        }
        cursor.readMore();
        replays.pumpAll();
    }

    private boolean canTakeMore() {
        return output != null && window.hasRoom() && output.isWritable() && checkpoints.hasRoom();
    }

    /** Where the session's replays send. */
    private final class ReplayClient implements ReplayStream.Client {

        @Override
        public boolean offer(LoggedMessage message, SubscriptionOptions options) {
            return output != null && Session.this.offer(message, List.of(options), false, true);
        }

        @Override
        public boolean canTakeMore() {
            return Session.this.canTakeMore();
        }

        @Override
        public void wake() {
            pump();
        }

        @Override
        public void ended(ReplayStream replay) {
            replays.remove(replay);
            Message end = replay.endMessage();
            int subscriptionId = replay.options().subscriptionId();
            checkpoints.send(false, () -> {
                if (output != null) {
                    output.publish(end, 0, false, false, 0, subscriptionId > 0 ? List.of(subscriptionId) : List.of());
                }
            });
            log.debug("{}: replay {} ended", clientId, replay.request().text());
        }
    }

    /** The session, as the follows of its subscriptions see it. */
    private final class FollowingOwner implements SessionFollows.Owner {

        @Override
        public boolean wants(TopicFilter filter) {
            return output != null && subscriptions.containsKey(filter);
        }

        @Override
        public void wake() {
            pump();
        }
    }

    /** The session's own subscriptions, as its cursor through the log sees them. */
    private final class OwnSubscriptions implements LogCursor.Reader {

        @Override
        public List<SubscriptionOptions> matching(LoggedMessage message) {
            return Session.this.matching(message.message().topic());
        }

        @Override
        public boolean offer(LoggedMessage message, List<SubscriptionOptions> matched) {
            return Session.this.offer(message, matched, false);
        }

        @Override
        public boolean canTakeMore() {
            return Session.this.canTakeMore();
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

    private List<SubscriptionOptions> matching(String topic) {
        List<SubscriptionOptions> matched = new ArrayList<>(1);
        subscriptions.forEach((filter, options) -> {
            if (filter.matches(topic)) {
                matched.add(options);
            }
        });
        return matched;
    }

    // ---- acknowledgements from the client ---------------------------------------------------------

    public void onPubAck(int packetId) {
        InFlight inFlight = window.get(packetId);
        if (inFlight != null && inFlight.qos() == 1) {
            window.remove(packetId);
            settled(packetId);
            pump();
        }
    }

    /** @return false if no QoS 2 message with that id is in flight */
    public boolean onPubRec(int packetId, boolean accepted) {
        InFlight inFlight = window.get(packetId);
        if (inFlight == null || inFlight.qos() != 2) {
            return false;
        }
        if (!accepted) {
            window.remove(packetId); // an error code in PUBREC ends the exchange
            settled(packetId);
            pump();
            return true;
        }
        window.replace(inFlight.asReleased());
        // PUBREL goes out only once "released" is stored: an edge taking over then sends PUBREL, not the message.
        // A shared or replayed message is not stored: its PUBREL goes at once.
        checkpoints.send(!shared.received(packetId) && !replays.isInFlight(packetId), () -> {
            if (output != null) {
                output.release(packetId);
            }
        });
        return true;
    }

    public void onPubComp(int packetId) {
        InFlight inFlight = window.get(packetId);
        if (inFlight != null && inFlight.qos() == 2) {
            window.remove(packetId);
            settled(packetId);
            pump();
        }
    }

    /** A message left the window: a shared one is done with, the session's own moves its stored state. */
    private void settled(int packetId) {
        if (!shared.acknowledged(packetId) && !replays.settled(packetId)) {
            checkpoints.changed();
        }
    }

    // ---- shared subscriptions -----------------------------------------------------------------

    @Override
    public void offerShared(SharedSubscription subscription, SharedDelivery delivery) {
        executor.execute(() -> {
            if (output == null) {
                delivery.refused();
            } else {
                shared.offer(
                        subscription,
                        delivery,
                        output,
                        !resending && output.isWritable() && checkpoints.hasRoom(),
                        send -> checkpoints.send(false, send));
            }
        });
    }

    private record Pending(LoggedMessage message, SubscriptionOptions options) {}
}
