package io.wharf.edge.fuzz;

import io.wharf.edge.auth.AuthResult;
import io.wharf.edge.auth.Authentication;
import io.wharf.edge.auth.Authenticator;
import io.wharf.edge.auth.Credentials;
import io.wharf.edge.auth.FailedAttempts;
import io.wharf.edge.auth.SlowChecks;
import io.wharf.edge.auth.acl.AccessControl;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.log.LogTimeIndex;
import io.wharf.edge.log.MessageFeed;
import io.wharf.edge.log.MessageLog;
import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.edge.protocol.SubscribePermission;
import io.wharf.edge.session.SessionClaim;
import io.wharf.edge.session.SessionServices;
import io.wharf.edge.session.SessionSnapshot;
import io.wharf.edge.session.SessionStore;
import io.wharf.edge.shared.SharedGroups;
import io.wharf.edge.shared.SharedMember;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The services of one edge with in-memory stand-ins for its Kafka seams, each answering at once:
 * the fuzz targets drive the real protocol handlers on one thread, with nothing to wait for. Made
 * anew for every input, so that no input sees the sessions of another. A client whose user name is
 * {@value #REFUSED_USER} is refused, to reach the refusal paths too.
 */
final class InMemoryEdge {

    static final String REFUSED_USER = "refused";

    /** Shared by every input: both are costly to make, and neither keeps what a client did. */
    private static final EdgeMetrics METRICS = new EdgeMetrics("fuzz");

    // Its checks are cheap, so the slow-check threads are never started.
    private static final Authentication AUTHENTICATION = new Authentication(
            InMemoryEdge::authenticate,
            new FailedAttempts(16, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO),
            new SlowChecks());

    private static final LogPartition PARTITION = new LogPartition("mqtt.messages", 0);

    private InMemoryEdge() {}

    static ProtocolServices services(ProtocolSettings settings) {
        SessionServices sessions = new SessionServices(
                new SubscriptionRegistry(),
                new InstantFeed(),
                (partition, from, max) -> CompletableFuture.completedFuture(new ReadBatch(List.of(), from, from, 0)),
                new InstantTimeIndex(),
                filter -> List.of(),
                new InMemorySessions(),
                METRICS,
                new InstantSharedGroups(),
                settings.catchUpBatch(),
                60_000,
                Clock.systemUTC());
        return new ProtocolServices(
                settings,
                new InstantLog(),
                sessions,
                new ConnectedClients(),
                SubscribePermission.EVERYONE,
                METRICS,
                AUTHENTICATION,
                new AccessControl(AccessRules.NONE),
                PublishDenied.DROP);
    }

    private static AuthResult authenticate(Credentials credentials, Instant now) {
        if (credentials.userName().filter(REFUSED_USER::equals).isPresent()) {
            return AuthResult.badUserNameOrPassword("the fuzz edge refuses " + REFUSED_USER);
        }
        return Authenticator.acceptingEveryone().authenticate(credentials, now);
    }

    /** A log that makes every message durable as soon as it is handed over. */
    private static final class InstantLog implements MessageLog {
        private long nextOffset;

        @Override
        public CompletableFuture<LogPosition> append(ApplicationMessage message) {
            return CompletableFuture.completedFuture(next());
        }

        @Override
        public Append begin(ApplicationMessage message, Completion done) {
            return new Append() {
                private boolean handedOver;

                @Override
                public boolean handOver() {
                    if (!handedOver) {
                        handedOver = true;
                        done.completed(next(), null);
                    }
                    return true;
                }

                @Override
                public boolean untouched() {
                    return !handedOver;
                }
            };
        }

        private LogPosition next() {
            return new LogPosition(PARTITION.logTopic(), PARTITION.partition(), nextOffset++);
        }
    }

    /** A feed that follows any filter at once, from the start of one partition. */
    private static final class InstantFeed implements MessageFeed {
        @Override
        public CompletableFuture<Map<LogPartition, Long>> follow(TopicFilter filter) {
            return CompletableFuture.completedFuture(Map.of(PARTITION, 0L));
        }

        @Override
        public void unfollow(TopicFilter filter) {}
    }

    /** Every time falls at the start of the log, which holds nothing. */
    private static final class InstantTimeIndex implements LogTimeIndex {
        @Override
        public CompletableFuture<Map<LogPartition, Long>> offsetsAt(TopicFilter filter, Instant time) {
            return CompletableFuture.completedFuture(Map.of(PARTITION, 0L));
        }
    }

    private static final class InstantSharedGroups implements SharedGroups {
        @Override
        public CompletableFuture<Void> join(SharedSubscription subscription, SharedMember member) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void leave(SharedSubscription subscription, SharedMember member) {}

        @Override
        public void hasRoom(SharedMember member) {}
    }

    /** Sessions kept in a map, by client id; the latest claim owns each. */
    private static final class InMemorySessions implements SessionStore {
        private final Map<String, SessionSnapshot> stored = new HashMap<>();
        private final Map<String, Long> epochs = new HashMap<>();

        @Override
        public synchronized CompletableFuture<SessionClaim> claim(String clientId, boolean cleanStart) {
            long epoch = epochs.merge(clientId, 1L, Long::sum);
            if (cleanStart) {
                stored.remove(clientId);
            }
            return CompletableFuture.completedFuture(
                    new SessionClaim(clientId, epoch, Optional.ofNullable(stored.get(clientId))));
        }

        @Override
        public synchronized CompletableFuture<Void> checkpoint(SessionClaim claim, SessionSnapshot snapshot) {
            if (owns(claim)) {
                stored.put(claim.clientId(), snapshot);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> checkpointWithMessage(
                SessionClaim claim, SessionSnapshot snapshot, ApplicationMessage message) {
            return checkpoint(claim, snapshot);
        }

        @Override
        public void releaseAfter(SessionClaim claim, CompletableFuture<Set<Integer>> recordedIds) {}

        @Override
        public synchronized CompletableFuture<Void> release(SessionClaim claim, SessionSnapshot snapshot) {
            if (owns(claim)) {
                if (snapshot == null) {
                    stored.remove(claim.clientId());
                } else {
                    stored.put(claim.clientId(), snapshot);
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void watch(SessionClaim claim, Runnable onTakenOver) {}

        private boolean owns(SessionClaim claim) {
            return epochs.getOrDefault(claim.clientId(), 0L) == claim.epoch();
        }
    }
}
