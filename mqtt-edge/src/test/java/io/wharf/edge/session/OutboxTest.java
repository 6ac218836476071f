package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.log.LogReader;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a session's outbox sends its client, what the client's acknowledgements settle for each
 * source of a message (the session's own cursor, a shared group, a replay), and what a resumed
 * session sends again. The client, the log and the session store are fakes that record what they
 * get; every call is made on one plain thread, as the event loop would.
 */
@Timeout(30)
class OutboxTest {

    private static final SubscriptionOptions QOS0 = SubscriptionOptions.ofQos(0);
    private static final SubscriptionOptions QOS1 = SubscriptionOptions.ofQos(1);
    private static final SubscriptionOptions QOS2 = SubscriptionOptions.ofQos(2);
    private static final String LOG_TOPIC = "mqtt.messages";

    private final DefaultEventExecutor executor = new DefaultEventExecutor();
    private final EdgeMetrics metrics = new EdgeMetrics("test");
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final Map<Long, LoggedMessage> log = new ConcurrentHashMap<>();
    private final AtomicInteger roomAgain = new AtomicInteger();

    @AfterEach
    void stop() {
        executor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        metrics.close();
    }

    // ---- in-flight order and a full window ---------------------------------------------------------

    @Test
    void messagesGoOutInTheOrderOfferedWithPacketIdsCountingUp() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);

        on(() -> outbox.offer(logged(0, "a", 1), List.of(QOS1), false));
        on(() -> outbox.offer(logged(1, "b", 2), List.of(QOS2), false));
        on(() -> outbox.offer(logged(2, "c", 0), List.of(QOS1), false));
        flush();

        assertThat(client.sent).containsExactly("PUBLISH 1 q1 a", "PUBLISH 2 q2 b", "PUBLISH 0 q0 c");
    }

    @Test
    void aFullWindowTakesNothingMoreUntilAnAcknowledgementMakesRoom() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 2);
        on(() -> outbox.offer(logged(0, "a", 1), List.of(QOS1), false));
        on(() -> outbox.offer(logged(1, "b", 1), List.of(QOS1), false));

        assertThat(on(() -> outbox.offer(logged(2, "c", 1), List.of(QOS1), false)))
                .isFalse();
        assertThat(on(outbox::canTakeMore)).isFalse();

        on(() -> outbox.onPubAck(1));
        assertThat(roomAgain).hasValue(1);
        assertThat(on(() -> outbox.offer(logged(2, "c", 1), List.of(QOS1), false)))
                .isTrue();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q1 a", "PUBLISH 2 q1 b", "PUBLISH 3 q1 c");
    }

    @Test
    void aQos0MessageTheClientCannotTakeIsDroppedAndCountedButAReplayedOneWaits() throws Exception {
        Client client = new Client();
        client.writable = false;
        Outbox outbox = outbox(client, 10);

        assertThat(on(() -> outbox.offer(logged(0, "a", 0), List.of(QOS0), false)))
                .isTrue();
        assertThat(on(() -> outbox.offerReplayed(logged(1, "b", 0), QOS0))).isFalse();

        assertThat(on(outbox::droppedQos0)).isEqualTo(1);
        assertThat(client.sent).isEmpty();
    }

    @Test
    void aMessageTooLargeForTheClientCountsAsDeliveredAndFreesItsPlace() throws Exception {
        Client client = new Client();
        client.tooLarge = "big";
        Outbox outbox = outbox(client, 1);
        on(() -> outbox.offer(logged(0, "big", 1), List.of(QOS1), false));

        assertThat(on(() -> outbox.offer(logged(1, "small", 1), List.of(QOS1), false)))
                .isTrue();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 2 q1 small");
        assertThat(resendAfterReconnect(outbox)).containsExactly("PUBLISH 2 q1 small DUP");
    }

    // ---- acknowledgement of each source ------------------------------------------------------------

    @Test
    void theSessionsOwnMessageIsResentAfterAReconnectUntilThePubackArrives() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        on(() -> outbox.offer(logged(0, "a", 1), List.of(QOS1), false));
        on(() -> outbox.offer(logged(1, "b", 1), List.of(QOS1), false));

        assertThat(resendAfterReconnect(outbox)).containsExactly("PUBLISH 1 q1 a DUP", "PUBLISH 2 q1 b DUP");
        on(() -> outbox.onPubAck(1));
        assertThat(resendAfterReconnect(outbox)).containsExactly("PUBLISH 2 q1 b DUP");
    }

    @Test
    void theSessionsOwnQos2PublishAndItsPubrelGoOutOnlyOnceTheStateRecordingThemIsStored() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        store.holdWrites = true;

        on(() -> outbox.offer(logged(0, "a", 2), List.of(QOS2), false));
        flush();
        assertThat(client.sent).isEmpty();
        store.completeNext();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 a");
        assertThat(store.lastWritten().inFlight())
                .extracting(InFlight::packetId)
                .containsExactly(1);

        assertThat(on(() -> outbox.onPubRec(1, true))).isTrue();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 a");
        store.completeNext();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 a", "PUBREL 1");
        assertThat(resendAfterReconnect(outbox)).containsExactly("PUBREL 1");

        on(() -> outbox.onPubComp(1));
        assertThat(resendAfterReconnect(outbox)).isEmpty();
    }

    @Test
    void aSharedMessageIsAcceptedByItsGroupAtPubackAndIsNeverResentByTheSession() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        Settled outcome = new Settled();

        assertThat(on(() -> outbox.offerShared(outcome.delivery(logged(0, "s", 1)), QOS1, false)))
                .isTrue();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q1 s");
        assertThat(outcome.get()).isNull();
        assertThat(resendAfterReconnect(outbox)).isEmpty();

        on(() -> outbox.onPubAck(1));
        assertThat(outcome.get()).isEqualTo(SharedDelivery.Outcome.ACCEPTED);
    }

    @Test
    void aSharedQos2MessageIsTheClientsAtPubrecAndItsPubrelGoesAtOnce() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        store.holdWrites = true;
        Settled outcome = new Settled();
        on(() -> outbox.offerShared(outcome.delivery(logged(0, "s", 2)), QOS2, false));
        flush();

        on(() -> outbox.onPubRec(1, true));
        flush();

        assertThat(outcome.get()).isEqualTo(SharedDelivery.Outcome.ACCEPTED);
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 s", "PUBREL 1");
    }

    @Test
    void sharedMessagesUnacknowledgedWhenTheConnectionEndsGoBackToTheirGroupAndOwnOnesStay() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        Settled outcome = new Settled();
        on(() -> outbox.offer(logged(0, "own", 1), List.of(QOS1), false));
        on(() -> outbox.offerShared(outcome.delivery(logged(1, "s", 1)), QOS1, false));

        on(outbox::handBackShared);

        assertThat(outcome.get()).isEqualTo(SharedDelivery.Outcome.RELEASED);
        assertThat(resendAfterReconnect(outbox)).containsExactly("PUBLISH 1 q1 own DUP");
    }

    @Test
    void aSharedMessageMeetingAFullWindowOrAResumingSessionIsRefusedForAnotherMember() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 1);
        on(() -> outbox.offer(logged(0, "own", 1), List.of(QOS1), false));
        Settled full = new Settled();
        Settled resuming = new Settled();

        assertThat(on(() -> outbox.offerShared(full.delivery(logged(1, "s", 1)), QOS1, false)))
                .isFalse();
        on(() -> outbox.onPubAck(1));
        assertThat(on(() -> outbox.offerShared(resuming.delivery(logged(2, "t", 1)), QOS1, true)))
                .isFalse();

        assertThat(full.get()).isEqualTo(SharedDelivery.Outcome.REFUSED);
        assertThat(resuming.get()).isEqualTo(SharedDelivery.Outcome.REFUSED);
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q1 own");
    }

    @Test
    void aReplayedMessageIsNotResentByTheSessionAndItsPubackMakesRoom() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 1);
        store.holdWrites = true;

        on(() -> outbox.offerReplayed(logged(0, "r", 2), QOS2));
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 r"); // no write to wait for: not stored
        assertThat(resendAfterReconnect(outbox)).isEmpty();
        assertThat(on(() -> outbox.offerReplayed(logged(1, "r2", 1), QOS1))).isFalse();

        on(() -> outbox.onPubRec(1, true));
        on(() -> outbox.onPubComp(1));
        assertThat(on(() -> outbox.offerReplayed(logged(1, "r2", 1), QOS1))).isTrue();
        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 r", "PUBREL 1", "PUBLISH 2 q1 r2");
    }

    @Test
    void aPubrecWithAnErrorCodeEndsTheExchangeWithoutPubrel() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 1);
        on(() -> outbox.offer(logged(0, "a", 2), List.of(QOS2), false));

        assertThat(on(() -> outbox.onPubRec(1, false))).isTrue();

        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q2 a");
        assertThat(on(outbox::canTakeMore)).isTrue();
        assertThat(resendAfterReconnect(outbox)).isEmpty();
    }

    @Test
    void anAcknowledgementOfTheWrongKindOrAnUnknownIdSettlesNothing() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        on(() -> outbox.offer(logged(0, "one", 1), List.of(QOS1), false));
        on(() -> outbox.offer(logged(1, "two", 2), List.of(QOS2), false));
        flush();

        assertThat(on(() -> outbox.onPubRec(1, true))).isFalse();
        assertThat(on(() -> outbox.onPubRec(9, true))).isFalse();
        on(() -> outbox.onPubAck(2));
        on(() -> outbox.onPubComp(1));

        assertThat(roomAgain).hasValue(0);
        assertThat(resendAfterReconnect(outbox)).containsExactly("PUBLISH 1 q1 one DUP", "PUBLISH 2 q2 two DUP");
    }

    // ---- resend on reconnect ---------------------------------------------------------------------

    @Test
    void aResumedSessionResendsWhatWasInFlightInSendOrderWithDupOrPubrel() throws Exception {
        logged(10, "ten", 1);
        logged(11, "eleven", 2);
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        on(() -> outbox.restore(List.of(
                new InFlight(5, position(10), 1, false, List.of(), null, false),
                new InFlight(2, position(3), 2, false, List.of(), null, true),
                new InFlight(9, position(11), 2, true, List.of(7), null, false))));

        on(outbox::resend).get(10, TimeUnit.SECONDS);

        assertThat(client.sent)
                .containsExactly("PUBLISH 5 q1 ten DUP", "PUBREL 2", "PUBLISH 9 q2 eleven DUP retain [7]");
        on(() -> outbox.onPubAck(5));
        on(() -> outbox.onPubComp(2));
        assertThat(roomAgain).hasValue(2);
    }

    // ---- message expiry, by the clock --------------------------------------------------------------

    @Test
    void aMessageWhoseExpiryIntervalHasPassedIsNotSentAndTakesNoRoom() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 1);
        LoggedMessage expiring = expiring(0, "soon", 10);
        Settled shared = new Settled();
        SharedDelivery sharedExpiring = shared.delivery(expiring(1, "shared", 10));

        clock.advance(Duration.ofSeconds(11));
        assertThat(on(() -> outbox.offer(expiring, List.of(QOS1), false))).isTrue();
        on(() -> outbox.offerShared(sharedExpiring, QOS1, false));

        flush();
        assertThat(client.sent).isEmpty();
        assertThat(shared.get()).isEqualTo(SharedDelivery.Outcome.ACCEPTED); // as good as delivered
        assertThat(on(outbox::canTakeMore)).isTrue();
    }

    @Test
    void aMessageIsSentWhileItsExpiryIntervalHasNotPassed() throws Exception {
        Client client = new Client();
        Outbox outbox = outbox(client, 10);
        LoggedMessage expiring = expiring(0, "soon", 10);

        clock.advance(Duration.ofSeconds(9));
        on(() -> outbox.offer(expiring, List.of(QOS1), false));

        flush();
        assertThat(client.sent).containsExactly("PUBLISH 1 q1 soon");
    }

    // ---- fixture -----------------------------------------------------------------------------------

    private final Store store = new Store();

    private Outbox outbox(Client client, int capacity) throws Exception {
        AtomicReference<Outbox> self = new AtomicReference<>();
        return on(() -> {
            SessionCheckpoints checkpoints = new SessionCheckpoints(
                    store,
                    new SessionClaim("c", 1, Optional.empty()),
                    executor,
                    () -> new SessionSnapshot(
                            "c", 0, Map.of(), Map.of(), self.get().storedEntries(), Set.of(), 0, null),
                    () -> false,
                    60_000,
                    256,
                    1024 * 1024,
                    () -> {});
            Outbox outbox = new Outbox(
                    "c",
                    true,
                    capacity,
                    reader(),
                    executor,
                    checkpoints,
                    () -> client,
                    metrics,
                    clock,
                    roomAgain::incrementAndGet);
            self.set(outbox);
            return outbox;
        });
    }

    /**
     * What a new connection of the session gets first: the in-flight entries the session would store
     * now, re-sent after reading them again from the log.
     */
    private List<String> resendAfterReconnect(Outbox previous) throws Exception {
        List<InFlight> stored = on(() ->
                previous.storedEntries().stream().map(InFlight::withoutMessage).toList());
        Client client = new Client();
        Outbox resumed = outbox(client, 10);
        on(() -> resumed.restore(stored));
        on(resumed::resend).get(10, TimeUnit.SECONDS);
        return List.copyOf(client.sent);
    }

    private LogReader reader() {
        return (partition, from, max) -> {
            LoggedMessage message = log.get(from);
            return CompletableFuture.completedFuture(
                    message == null
                            ? new ReadBatch(List.of(), from + 1, from + 1, 0)
                            : new ReadBatch(List.of(message), from + 1, from + 1, 0));
        };
    }

    private LoggedMessage logged(long offset, String topic, int qos) {
        LoggedMessage message = new LoggedMessage(
                new ApplicationMessage(
                        topic,
                        topic.getBytes(StandardCharsets.UTF_8),
                        qos,
                        false,
                        "publisher",
                        clock.millis(),
                        ApplicationMessage.Properties.NONE),
                position(offset));
        log.put(offset, message);
        return message;
    }

    private LoggedMessage expiring(long offset, String topic, long expirySeconds) {
        LoggedMessage message = new LoggedMessage(
                new ApplicationMessage(
                        topic,
                        topic.getBytes(StandardCharsets.UTF_8),
                        1,
                        false,
                        "publisher",
                        clock.millis(),
                        new ApplicationMessage.Properties(null, expirySeconds, null, null, null, List.of())),
                position(offset));
        log.put(offset, message);
        return message;
    }

    private static LogPosition position(long offset) {
        return new LogPosition(LOG_TOPIC, 0, offset);
    }

    /** Waits for what the event loop has been handed so far (writes completing, sends after them). */
    private void flush() throws Exception {
        on(() -> {});
        on(() -> {});
    }

    private <T> T on(Callable<T> action) throws Exception {
        return executor.submit(action).get(10, TimeUnit.SECONDS);
    }

    private void on(Runnable action) throws Exception {
        executor.submit(action).get(10, TimeUnit.SECONDS);
    }

    /** The client's connection: records PUBLISH and PUBREL as one line each. */
    private static final class Client implements SessionOutput {

        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean writable = true;
        /** The topic of a message larger than the client's Maximum Packet Size. */
        volatile String tooLarge;

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public boolean publish(
                ApplicationMessage message,
                int qos,
                boolean retain,
                boolean dup,
                int packetId,
                List<Integer> subscriptionIds) {
            if (message.topic().equals(tooLarge)) {
                return false;
            }
            sent.add("PUBLISH " + packetId + " q" + qos + " " + message.topic() + (dup ? " DUP" : "")
                    + (retain ? " retain" : "") + (subscriptionIds.isEmpty() ? "" : " " + subscriptionIds));
            return true;
        }

        @Override
        public void release(int packetId) {
            sent.add("PUBREL " + packetId);
        }
    }

    /** How a shared group hears what became of its message. */
    private static final class Settled {

        private final AtomicReference<SharedDelivery.Outcome> outcome = new AtomicReference<>();

        SharedDelivery delivery(LoggedMessage message) {
            return new SharedDelivery(message, (delivery, settled) -> outcome.set(settled));
        }

        SharedDelivery.Outcome get() {
            return outcome.get();
        }
    }

    /** A session store whose writes complete at once, or when the test says. */
    private final class Store extends CheckpointOnlyStore {

        volatile boolean holdWrites;
        private final Queue<CompletableFuture<Void>> held = new ArrayDeque<>();
        private final List<SessionSnapshot> written = new CopyOnWriteArrayList<>();

        void completeNext() throws Exception {
            on(() -> held.poll().complete(null));
        }

        SessionSnapshot lastWritten() {
            return written.get(written.size() - 1);
        }

        @Override
        public CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot) {
            written.add(snapshot);
            if (!holdWrites) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> write = new CompletableFuture<>();
            held.add(write);
            return write;
        }
    }
}
