package io.wharf.edge.admin;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.edge.log.RetainedMessages;
import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.netty.ClientAddress;
import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.protocol.MqttConnection;
import io.wharf.edge.session.PendingWill;
import io.wharf.edge.session.SessionSnapshot;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.session.SessionEntry;
import io.wharf.schemas.session.SessionState;
import io.wharf.schemas.topic.TopicFilter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What this edge answers for itself: its own state, the clients connected to it, the kick of one
 * of them, and the retained messages (every edge holds them all). Nothing here waits on Kafka or on
 * another edge, so it may run on an event loop.
 */
public final class LocalAdmin {

    /** How long a kick waits for the client's session to be stored before it answers anyway. */
    private static final Duration KICK_STORE_WAIT = Duration.ofSeconds(3);

    private final EdgeIdentity identity;
    private final ConnectedClients clients;
    private final RetainedMessages retained;
    private final BooleanSupplier draining;
    private final BooleanSupplier kafkaWritable;
    private final Supplier<MessageTotals> messages;
    private final MessageRates rates;
    private final LongSupplier kafkaLag;
    private final CursorLag cursorLag;

    /**
     * @param draining whether this edge drains now
     * @param kafkaWritable whether this edge can write to Kafka now
     * @param kafkaLag the records this edge's consumers have yet to read
     */
    public LocalAdmin(
            EdgeIdentity identity,
            ConnectedClients clients,
            RetainedMessages retained,
            BooleanSupplier draining,
            BooleanSupplier kafkaWritable,
            Supplier<MessageTotals> messages,
            MessageRates rates,
            LongSupplier kafkaLag,
            CursorLag cursorLag) {
        this.identity = identity;
        this.messages = messages;
        this.rates = rates;
        this.clients = clients;
        this.retained = retained;
        this.draining = draining;
        this.kafkaWritable = kafkaWritable;
        this.kafkaLag = kafkaLag;
        this.cursorLag = cursorLag;
    }

    public String edgeId() {
        return identity.edgeId();
    }

    public EdgeView edge() {
        Instant now = Instant.now();
        MessageTotals totals = messages.get();
        MessageRates.Rates perSecond = rates.rates();
        return new EdgeView(
                identity.edgeId(),
                identity.incarnation(),
                identity.mqttAddress(),
                identity.httpAddress().get(),
                identity.version(),
                Duration.between(identity.incarnation(), now).toSeconds(),
                draining.getAsBoolean() ? EdgeView.DRAINING : EdgeView.SERVING,
                clients.count(),
                kafkaWritable.getAsBoolean(),
                totals.received(),
                totals.delivered(),
                perSecond == null ? null : perSecond.receivedPerSecond(),
                perSecond == null ? null : perSecond.deliveredPerSecond(),
                kafkaLag.getAsLong(),
                null,
                null);
    }

    /** The clients connected here that match, up to the limit. */
    public Listing<ClientView> clients(ClientFilter filter, Limit limit) {
        List<ClientView> matching = clients.connections().stream()
                .map(this::view)
                .flatMap(Optional::stream)
                .filter(view -> filter.matches(view.clientId(), view.user(), view.address()))
                .toList();
        return limit.cut(matching, Comparator.comparing(ClientView::clientId));
    }

    /**
     * The client, if it is connected here, with its session as it is now (read on the client's
     * event loop).
     */
    public CompletableFuture<Optional<ClientView>> client(String clientId) {
        Optional<MqttConnection> connection = clients.connection(clientId);
        if (connection.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return clients.sessionNow(connection.get()).thenCompose(session -> {
            Optional<ClientView> summary = view(connection.get());
            if (summary.isEmpty() || session.isEmpty()) {
                return CompletableFuture.completedFuture(summary);
            }
            ClientView detailed = detailed(summary.get(), session.get());
            return withQueued(detailed, session.get().nextOffsets()).thenApply(Optional::of);
        });
    }

    /** A disconnected client's stored session, with the records queued for it. */
    public CompletableFuture<ClientView> storedSession(String clientId, SessionEntry entry) {
        Map<LogPartition, Long> next = new HashMap<>();
        if (entry.state() != null) {
            entry.state()
                    .next()
                    .forEach(cursor -> next.put(new LogPartition(cursor.topic(), cursor.partition()), cursor.offset()));
        }
        return withQueued(sessionView(clientId, entry), next);
    }

    /** The view with its queued records, or as it is when Kafka does not tell them. */
    private CompletableFuture<ClientView> withQueued(ClientView view, Map<LogPartition, Long> next) {
        return cursorLag.behind(next).handle((queued, error) -> view.withQueued(error == null ? queued : null));
    }

    private static ClientView detailed(ClientView summary, SessionSnapshot session) {
        List<ClientView.Subscription> subscriptions = session.subscriptions().entrySet().stream()
                .map(entry -> new ClientView.Subscription(
                        entry.getKey(), entry.getValue().qos()))
                .sorted(Comparator.comparing(ClientView.Subscription::filter))
                .toList();
        PendingWill will = session.will();
        return new ClientView(
                summary.clientId(),
                true,
                summary.edge(),
                summary.address(),
                summary.user(),
                summary.protocol(),
                summary.since(),
                session.expiryIntervalSeconds(),
                subscriptions,
                session.inFlight().size(),
                null,
                will == null
                        ? null
                        : new ClientView.Will(
                                will.message().topic(), will.message().retain(), will.delaySeconds()));
    }

    /**
     * Disconnects the client if it is connected here (an MQTT 5 client is told 0x98, administrative
     * action); completes with false when it is not, else once its session is stored.
     */
    public CompletableFuture<Boolean> kick(String clientId) {
        return clients.disconnect(
                        clientId, MqttReasonCodes.Disconnect.ADMINISTRATIVE_ACTION, "disconnected by an operator")
                .completeOnTimeout(true, KICK_STORE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The retained messages whose topics match, up to the limit, in topic order. */
    public Listing<RetainedView> retained(TopicFilter filter, Limit limit) {
        List<RetainedView> views =
                retained.matching(filter).stream().map(LocalAdmin::view).toList();
        return limit.cut(views, Comparator.comparing(RetainedView::topic));
    }

    /** The retained message of one topic, if it has one. */
    public Optional<RetainedView> retainedMessage(String topic) {
        return retained(TopicFilter.parse(topic), new Limit(1)).items().stream().findFirst();
    }

    /** A disconnected client's session as the session directory knows it. */
    public static ClientView sessionView(String clientId, SessionEntry entry) {
        SessionState state = entry.state();
        return new ClientView(
                clientId,
                false,
                entry.owner(),
                null,
                null,
                null,
                state == null ? null : state.disconnectedAt(),
                state == null ? null : state.expiryIntervalSeconds(),
                subscriptions(state),
                state == null ? null : state.inFlight().size(),
                null,
                will(state));
    }

    /** A connected client as a listing shows it: who and where, not its session. */
    private Optional<ClientView> view(MqttConnection connection) {
        Instant since = clients.connectedAt(connection);
        if (since == null) {
            return Optional.empty(); // ended meanwhile
        }
        return Optional.of(new ClientView(
                connection.clientId(),
                true,
                identity.edgeId(),
                address(ClientAddress.of(connection.channel())),
                connection.principal().userName().orElse(null),
                protocol(connection.version()),
                since,
                null,
                null,
                null,
                null,
                null));
    }

    private static List<ClientView.Subscription> subscriptions(SessionState state) {
        if (state == null) {
            return List.of();
        }
        return state.subscriptions().stream()
                .map(subscription -> new ClientView.Subscription(subscription.filter(), subscription.qos()))
                .toList();
    }

    private static ClientView.Will will(SessionState state) {
        if (state == null || state.will() == null) {
            return null;
        }
        return new ClientView.Will(
                state.will().topic(), state.will().retain(), state.will().delaySeconds());
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return address == null ? null : address.toString();
    }

    private static String protocol(MqttVersion version) {
        return switch (version) {
            case MQTT_3_1 -> "3.1";
            case MQTT_3_1_1 -> "3.1.1";
            case MQTT_5 -> "5";
        };
    }

    private static RetainedView view(LoggedMessage logged) {
        ApplicationMessage message = logged.message();
        byte[] payload = message.payload();
        String text = utf8(payload);
        return new RetainedView(
                message.topic(),
                message.qos(),
                Instant.ofEpochMilli(message.timestampMs()),
                message.publisherId(),
                payload.length,
                text,
                text == null ? Base64.getEncoder().encodeToString(payload) : null);
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
