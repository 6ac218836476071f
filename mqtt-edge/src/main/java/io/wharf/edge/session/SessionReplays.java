package io.wharf.edge.session;

import io.netty.util.concurrent.EventExecutor;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's replays under way, by the subscription text the client wrote. They send through the
 * session's {@link Outbox}, which keeps their messages out of the stored session. Used on the
 * session's event loop only.
 */
final class SessionReplays {

    private static final Logger log = LoggerFactory.getLogger(SessionReplays.class);

    /** Replays one client may run at once; each holds a read batch of its own. */
    static final int MAX_PER_SESSION = 8;

    private final String clientId;
    private final SessionServices services;
    private final EventExecutor executor;
    private final Outbox outbox;
    private final Runnable wake;
    private final Map<String, ReplayStream> byText = new LinkedHashMap<>();

    /** @param wake sends what waits in the session */
    SessionReplays(String clientId, SessionServices services, EventExecutor executor, Outbox outbox, Runnable wake) {
        this.clientId = clientId;
        this.services = services;
        this.executor = executor;
        this.outbox = outbox;
        this.wake = wake;
    }

    boolean hasRoomFor(String text) {
        return byText.containsKey(text) || byText.size() < MAX_PER_SESSION;
    }

    /**
     * Adds a replay; one with the same text stops (subscribing again starts it over). The future
     * completes on the session's event loop once the replay knows where to start; it sends from
     * {@link #start}.
     */
    CompletableFuture<Void> prepare(ReplayRequest request, SubscriptionOptions options) {
        ReplayStream replay = new ReplayStream(clientId, request, options, services, executor, new ReplayClient());
        ReplayStream previous = byText.put(request.text(), replay);
        if (previous != null) {
            previous.stop();
        }
        return replay.prepare()
                .whenCompleteAsync(
                        (done, error) -> {
                            if (error != null) {
                                remove(replay);
                            }
                        },
                        executor);
    }

    void start(ReplayRequest request) {
        ReplayStream replay = byText.get(request.text());
        if (replay != null) {
            replay.start();
        }
    }

    /** Stops and drops the replay of that text; false if there was none. */
    boolean remove(String text) {
        ReplayStream replay = byText.remove(text);
        if (replay != null) {
            replay.stop();
        }
        return replay != null;
    }

    private void remove(ReplayStream replay) {
        byText.remove(replay.request().text(), replay);
        replay.stop();
    }

    void stopAll() {
        byText.values().forEach(ReplayStream::stop);
        byText.clear();
    }

    void pumpAll() {
        new ArrayList<>(byText.values()).forEach(ReplayStream::pump);
    }

    /** Where the session's replays send. */
    private final class ReplayClient implements ReplayStream.Client {

        @Override
        public boolean offer(LoggedMessage message, SubscriptionOptions options) {
            return outbox.offerReplayed(message, options);
        }

        @Override
        public boolean canTakeMore() {
            return outbox.canTakeMore();
        }

        @Override
        public void wake() {
            wake.run();
        }

        @Override
        public void ended(ReplayStream replay) {
            remove(replay);
            ApplicationMessage end = replay.endMessage();
            int subscriptionId = replay.options().subscriptionId();
            outbox.announce(end, subscriptionId > 0 ? List.of(subscriptionId) : List.of());
            log.debug("{}: replay {} ended", clientId, replay.request().text());
        }
    }
}
