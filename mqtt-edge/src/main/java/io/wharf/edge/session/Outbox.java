package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.schemas.message.ApplicationMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session sends its client and what the client has yet to acknowledge: it offers each
 * message (the session's own, a shared group's or a replay's) at the QoS its subscriptions grant,
 * keeps QoS 1 and 2 messages in the in-flight window until the client acknowledges them, tells each
 * message's source when that happens, and re-sends what was in flight when a session resumes.
 *
 * <p>Sends go through the session's checkpoints, so that they keep their order behind those that
 * wait for a write of the session's state. Used on the session's event loop only.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final String clientId;
    private final boolean mqtt5;
    private final OutboundWindow window;
    private final SessionCheckpoints checkpoints;
    private final Supplier<SessionOutput> output;
    private final InFlightResend inFlightResend;
    private final EdgeMetrics metrics;
    private final Clock clock;
    private final Runnable roomAgain;
    private final ArrayDeque<Retained> waitingRetained = new ArrayDeque<>();
    private long droppedQos0;

    /**
     * @param windowCapacity the client's Receive Maximum (capped by the edge's own limit)
     * @param reader reads again what a resumed session had in flight
     * @param output the client's connection, or null once it has closed
     * @param clock tells which messages have expired
     * @param roomAgain called when an acknowledgement made room in the window
     */
    Outbox(
            String clientId,
            boolean mqtt5,
            int windowCapacity,
            LogReader reader,
            EventExecutor executor,
            SessionCheckpoints checkpoints,
            Supplier<SessionOutput> output,
            EdgeMetrics metrics,
            Clock clock,
            Runnable roomAgain) {
        this.clientId = clientId;
        this.mqtt5 = mqtt5;
        this.window = new OutboundWindow(windowCapacity);
        this.checkpoints = checkpoints;
        this.output = output;
        this.inFlightResend = new InFlightResend(clientId, reader, executor, window, output);
        this.metrics = metrics;
        this.clock = clock;
        this.roomAgain = roomAgain;
    }

    /** What a stored session had in flight; {@link #resend()} sends it again. */
    void restore(List<InFlight> entries) {
        entries.forEach(entry -> window.put(entry, InFlightSource.OWN));
    }

    /** QoS 0 messages dropped because the client did not keep up. */
    long droppedQos0() {
        return droppedQos0;
    }

    /** Whether the client can take more now: room in the window, a writable socket, room to wait. */
    boolean canTakeMore() {
        SessionOutput client = output.get();
        return client != null && window.hasRoom() && client.isWritable() && checkpoints.hasRoom();
    }

    /** Whether the window has room and the socket is writable (the client is connected). */
    boolean hasRoom() {
        return window.hasRoom() && output.get().isWritable();
    }

    // ---- offering ----------------------------------------------------------------------------------

    /**
     * Sends one of the session's own messages (read by its cursor, or a retained one) now if the
     * client can take it; a QoS 0 message it cannot take is dropped and counted.
     *
     * @param retainedOnSubscribe a retained message sent because of a new subscription
     * @return false if it must wait: the in-flight window is full or the socket is not writable
     */
    boolean offer(LoggedMessage logged, List<SubscriptionOptions> matched, boolean retainedOnSubscribe) {
        return offer(logged, matched, retainedOnSubscribe, InFlightSource.OWN);
    }

    /**
     * Sends a replay's message now if the client can take it. It is not the session's to store, and
     * never dropped for a slow client: the replay waits instead.
     *
     * @return false if it must wait
     */
    boolean offerReplayed(LoggedMessage logged, SubscriptionOptions options) {
        return output.get() != null && offer(logged, List.of(options), false, InFlightSource.REPLAY);
    }

    private boolean offer(
            LoggedMessage logged,
            List<SubscriptionOptions> matched,
            boolean retainedOnSubscribe,
            InFlightSource source) {
        SessionOutput client = output.get();
        if (client != null && !client.mayReceive(logged.message().topic())) {
            return true; // as good as delivered
        }
        DeliveryPlan plan = DeliveryPlan.of(logged.message(), matched, clientId, mqtt5, retainedOnSubscribe);
        if (plan == null || Expiry.hasExpired(logged.message(), clock.millis())) {
            return true;
        }
        int bytes = logged.message().payload().length;
        if (plan.qos() == 0) {
            if (client.isWritable() && checkpoints.hasRoom()) {
                checkpoints.send(false, bytes, () -> publish(logged.message(), plan, 0));
            } else if (source == InFlightSource.REPLAY) {
                return false;
            } else {
                droppedQos0++;
                metrics.droppedForSlowSubscriber();
                log.debug(
                        "{}: dropped a QoS 0 message, the client is not keeping up ({} so far)", clientId, droppedQos0);
            }
            return true;
        }
        if (!window.hasRoom() || !client.isWritable() || !checkpoints.hasRoom()) {
            return false;
        }
        int packetId = window.nextPacketId();
        window.put(
                new InFlight(
                        packetId, logged.position(), plan.qos(), plan.retain(), plan.subscriptionIds(), logged, false),
                source);
        // QoS 2 goes out only once its packet id is stored, so that no edge delivers it under another id.
        checkpoints.send(plan.qos() == 2 && source.isStored(), bytes, () -> {
            if (!publish(logged.message(), plan, packetId)) {
                window.remove(packetId); // too large for the client: as good as delivered
            }
        });
        if (source.isStored()) {
            checkpoints.changed();
        }
        return true;
    }

    /** @return false if the client's Maximum Packet Size kept it from being sent */
    private boolean publish(ApplicationMessage message, DeliveryPlan plan, int packetId) {
        SessionOutput client = output.get();
        return client == null
                || client.publish(message, plan.qos(), plan.retain(), false, packetId, plan.subscriptionIds());
    }

    /**
     * Sends a shared group's message if the client can take it now, at the lower of its QoS and the
     * granted one; otherwise refuses it, so that the group offers it to another member. An expired
     * message, or one the subscription does not want, counts as delivered. Call it only while the
     * client is connected.
     *
     * @param resuming the session is still re-sending what it had in flight, and sends nothing new
     * @return false if it refused the message for lack of room (the group hears when there is room)
     */
    boolean offerShared(SharedDelivery delivery, SubscriptionOptions options, boolean resuming) {
        SessionOutput client = output.get();
        boolean canSend = !resuming && client.isWritable() && checkpoints.hasRoom();
        ApplicationMessage message = delivery.message().message();
        DeliveryPlan plan = DeliveryPlan.of(message, List.of(options), clientId, mqtt5, false);
        // a message the member may not receive is taken, not passed on: another member may be no better
        if (plan == null || Expiry.hasExpired(message, clock.millis()) || !client.mayReceive(message.topic())) {
            delivery.accepted();
            return true;
        }
        if (!canSend || plan.qos() > 0 && !window.hasRoom()) {
            delivery.refused();
            return false;
        }
        if (plan.qos() == 0) {
            checkpoints.send(false, () -> client.publish(message, 0, plan.retain(), false, 0, plan.subscriptionIds()));
            delivery.accepted();
            return true;
        }
        int packetId = window.nextPacketId();
        InFlightSource source = InFlightSource.shared(delivery);
        window.put(
                new InFlight(
                        packetId,
                        delivery.message().position(),
                        plan.qos(),
                        plan.retain(),
                        plan.subscriptionIds(),
                        delivery.message(),
                        false),
                source);
        checkpoints.send(false, () -> {
            if (!client.publish(message, plan.qos(), plan.retain(), false, packetId, plan.subscriptionIds())) {
                window.remove(packetId); // too large for the client: as good as delivered
                source.settled();
            }
        });
        return true;
    }

    /** Retained messages to send because of a new subscription, after its SUBACK. */
    void addRetained(List<LoggedMessage> messages, SubscriptionOptions options) {
        messages.forEach(message -> waitingRetained.add(new Retained(message, options)));
    }

    /**
     * Sends the retained messages that wait while the client can take them.
     *
     * @return false if some still wait
     */
    boolean sendWaitingRetained() {
        while (!waitingRetained.isEmpty()) {
            Retained next = waitingRetained.peek();
            if (!offer(next.message, List.of(next.options), true)) {
                return false;
            }
            waitingRetained.poll();
        }
        return true;
    }

    /** Sends a message of the edge's own at QoS 0 (a replay's end), behind what waits. */
    void announce(ApplicationMessage message, List<Integer> subscriptionIds) {
        checkpoints.send(false, () -> {
            SessionOutput client = output.get();
            if (client != null) {
                client.publish(message, 0, false, false, 0, subscriptionIds);
            }
        });
    }

    // ---- a session that resumes or ends ------------------------------------------------------------

    /**
     * Re-sends what a restored session had in flight, in the order it was sent: PUBREL for a
     * message the client has received, the PUBLISH with DUP and its packet id otherwise.
     */
    CompletableFuture<Void> resend() {
        return inFlightResend.resend(window.entries());
    }

    /** The connection ends: shared messages not acknowledged go back to their groups, for other members. */
    void handBackShared() {
        for (InFlight entry : window.entries()) {
            InFlightSource source = window.source(entry.packetId());
            if (source.belongsToAGroup()) {
                window.remove(entry.packetId());
                source.handedBack();
            }
        }
    }

    /** What the stored session keeps in flight: its own messages, not shared or replayed ones. */
    List<InFlight> storedEntries() {
        return window.storedEntries();
    }

    // ---- acknowledgements from the client ----------------------------------------------------------

    void onPubAck(int packetId) {
        InFlight inFlight = window.get(packetId);
        if (inFlight != null && inFlight.qos() == 1) {
            settle(packetId);
        }
    }

    /** @return false if no QoS 2 message with that id is in flight */
    boolean onPubRec(int packetId, boolean accepted) {
        InFlight inFlight = window.get(packetId);
        if (inFlight == null || inFlight.qos() != 2) {
            return false;
        }
        if (!accepted) {
            settle(packetId); // an error code in PUBREC ends the exchange
            return true;
        }
        InFlightSource source = window.source(packetId);
        window.replace(inFlight.asReleased());
        source.received();
        // PUBREL goes out only once "released" is stored: an edge taking over then sends PUBREL, not the message.
        // A shared or replayed message is not stored: its PUBREL goes at once.
        checkpoints.send(source.isStored(), () -> {
            SessionOutput client = output.get();
            if (client != null) {
                client.release(packetId);
            }
        });
        return true;
    }

    void onPubComp(int packetId) {
        InFlight inFlight = window.get(packetId);
        if (inFlight != null && inFlight.qos() == 2) {
            settle(packetId);
        }
    }

    /** A message left the window: its source hears, and the session's own moves its stored state. */
    private void settle(int packetId) {
        InFlightSource source = window.source(packetId);
        window.remove(packetId);
        source.settled();
        if (source.isStored()) {
            checkpoints.changed();
        }
        roomAgain.run();
    }

    private record Retained(LoggedMessage message, SubscriptionOptions options) {}
}
