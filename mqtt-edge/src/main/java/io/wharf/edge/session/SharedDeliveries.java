package io.wharf.edge.session;

import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.Message;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.edge.shared.SharedGroups;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A session's shared subscriptions, and the messages of them in its in-flight window. Those
 * messages are not the session's to keep: they are not stored with it, and a session that leaves
 * hands them back, so that its group gives them to another member. Used on the session's event
 * loop only.
 */
final class SharedDeliveries {

    private final SharedGroups groups;
    private final SharedMember member;
    private final Map<SharedSubscription, SubscriptionOptions> subscriptions = new LinkedHashMap<>();
    private final OutboundWindow window;
    private final String clientId;
    private final boolean mqtt5;
    private final Map<Integer, SharedDelivery> inFlight = new HashMap<>();
    private boolean refusedSome;

    SharedDeliveries(SharedGroups groups, SharedMember member, OutboundWindow window, String clientId, boolean mqtt5) {
        this.groups = groups;
        this.member = member;
        this.window = window;
        this.clientId = clientId;
        this.mqtt5 = mqtt5;
    }

    /** A subscription of a stored session; it joins its group when the session resumes. */
    void restore(SharedSubscription subscription, SubscriptionOptions options) {
        subscriptions.put(subscription, options);
    }

    CompletableFuture<Void> subscribe(SharedSubscription subscription, SubscriptionOptions options) {
        boolean isNew = subscriptions.put(subscription, options) == null;
        return isNew ? groups.join(subscription, member) : CompletableFuture.completedFuture(null);
    }

    boolean unsubscribe(SharedSubscription subscription) {
        if (subscriptions.remove(subscription) == null) {
            return false;
        }
        groups.leave(subscription, member);
        return true;
    }

    /** A resumed session takes its share again, on whatever edge it is now. */
    void rejoin() {
        subscriptions.keySet().forEach(subscription -> groups.join(subscription, member));
    }

    /** The connection closed: what the client has not acknowledged goes to other members. */
    void leave() {
        inFlight.forEach((packetId, delivery) -> {
            window.remove(packetId);
            delivery.released(); // no effect on a QoS 2 message after PUBREC: the client has that one
        });
        inFlight.clear();
        subscriptions.keySet().forEach(subscription -> groups.leave(subscription, member));
    }

    /** Adds the subscriptions, as the client wrote them, to what the session stores. */
    void storeInto(Map<String, SubscriptionOptions> stored) {
        subscriptions.forEach((subscription, options) -> stored.put(subscription.text(), options));
    }

    boolean isInFlight(int packetId) {
        return inFlight.containsKey(packetId);
    }

    /**
     * Sends an offered message if the client can take it now, at the lower of its QoS and the granted
     * one; otherwise refuses it, so that the reader offers it to another member.
     *
     * @param canSend the session is sending now (not re-sending what a resumed session had in flight)
     *     and the client can take more bytes
     * @param sendInOrder runs a send behind those the session still holds back
     */
    void offer(
            SharedSubscription subscription,
            SharedDelivery delivery,
            SessionOutput output,
            boolean canSend,
            Consumer<Runnable> sendInOrder) {
        SubscriptionOptions options = subscriptions.get(subscription);
        if (options == null) {
            delivery.refused();
            return;
        }
        Message message = delivery.message().message();
        DeliveryPlan plan = DeliveryPlan.of(message, List.of(options), clientId, mqtt5, false);
        if (plan == null || Expiry.hasExpired(message, System.currentTimeMillis())) {
            delivery.accepted();
            return;
        }
        if (!canSend || plan.qos() > 0 && !window.hasRoom()) {
            refusedSome = true;
            delivery.refused();
            return;
        }
        if (plan.qos() == 0) {
            sendInOrder.accept(() -> output.publish(message, 0, plan.retain(), false, 0, plan.subscriptionIds()));
            delivery.accepted();
            return;
        }
        int packetId = window.nextPacketId();
        window.put(new InFlight(
                packetId,
                delivery.message().position(),
                plan.qos(),
                plan.retain(),
                plan.subscriptionIds(),
                delivery.message(),
                false));
        inFlight.put(packetId, delivery);
        sendInOrder.accept(() -> {
            if (!output.publish(message, plan.qos(), plan.retain(), false, packetId, plan.subscriptionIds())) {
                window.remove(packetId); // too large for the client: as good as delivered
                acknowledged(packetId);
            }
        });
    }

    /**
     * A message left the window acknowledged (or refused by the client, or too large to send).
     *
     * @return false if it was not a shared message
     */
    boolean acknowledged(int packetId) {
        SharedDelivery delivery = inFlight.remove(packetId);
        if (delivery != null) {
            delivery.accepted();
        }
        return delivery != null;
    }

    /**
     * PUBREC for a QoS 2 message: the client has it, so it must not go to another member as well.
     * It stays in the window until PUBCOMP.
     *
     * @return false if it was not a shared message
     */
    boolean received(int packetId) {
        SharedDelivery delivery = inFlight.get(packetId);
        if (delivery != null) {
            delivery.accepted();
        }
        return delivery != null;
    }

    /** The window has room again: the groups that met a full one may offer more. */
    void roomAgain() {
        if (refusedSome) {
            refusedSome = false;
            groups.hasRoom(member);
        }
    }
}
