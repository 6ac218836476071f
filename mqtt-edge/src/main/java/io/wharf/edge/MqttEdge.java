package io.wharf.edge;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.wharf.edge.admin.ClusterAdmin;
import io.wharf.edge.admin.EdgeIdentity;
import io.wharf.edge.admin.MessageRates;
import io.wharf.edge.admin.MessageTotals;
import io.wharf.edge.admin.PeerAdmin;
import io.wharf.edge.admin.TopicRates;
import io.wharf.edge.auth.Authentication;
import io.wharf.edge.auth.SlowChecks;
import io.wharf.edge.auth.UserDirectory;
import io.wharf.edge.auth.acl.AccessControl;
import io.wharf.edge.delivery.DispatchBacklog;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.http.AdminGuard;
import io.wharf.edge.http.AdminHandler;
import io.wharf.edge.http.ApiHandler;
import io.wharf.edge.http.HealthHandler;
import io.wharf.edge.http.HttpChannelInitializer;
import io.wharf.edge.http.MetricsHandler;
import io.wharf.edge.kafka.AnalyticsReader;
import io.wharf.edge.kafka.ConsumerLagMeters;
import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.KafkaCursorLag;
import io.wharf.edge.kafka.KafkaLogReader;
import io.wharf.edge.kafka.KafkaLogTimeIndex;
import io.wharf.edge.kafka.KafkaMessageFeed;
import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.KafkaWriteHealth;
import io.wharf.edge.kafka.PartitionPlanner;
import io.wharf.edge.kafka.TopicSizeLimits;
import io.wharf.edge.kafka.auth.AuthTopic;
import io.wharf.edge.kafka.auth.AuthTopicAdmin;
import io.wharf.edge.kafka.cluster.EdgeLiveness;
import io.wharf.edge.kafka.cluster.HeartbeatPublisher;
import io.wharf.edge.kafka.session.KafkaSessionStore;
import io.wharf.edge.kafka.session.KafkaSessions;
import io.wharf.edge.kafka.session.OwnSessionCounts;
import io.wharf.edge.kafka.shared.KafkaSharedGroups;
import io.wharf.edge.listener.Listeners;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.netty.MqttChannelInitializer;
import io.wharf.edge.netty.TcpServer;
import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.edge.protocol.SubscribePermission;
import io.wharf.edge.protocol.SubscriptionRevoker;
import io.wharf.edge.protocol.UserRevoker;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.edge.session.SessionServices;
import io.wharf.edge.session.SessionStore;
import io.wharf.schemas.mapping.TopicMapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One edge node: the MQTT and HTTP ports, and the Kafka clients behind them. This is the edge's
 * composition root; it builds every part with its constructor and stops them in reverse.
 */
public final class MqttEdge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttEdge.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration STATE_LOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    /** How long the admin API waits for another edge's answer. */
    private static final Duration ADMIN_PEER_TIMEOUT = Duration.ofSeconds(5);

    private static final int HEARTBEATS_MISSED_BEFORE_DEAD = 3;
    private static final int LOG_READER_THREADS = 2;
    private static final long CHECKPOINT_INTERVAL_MS = 1000;
    /** Deliveries handed to sessions and not yet taken up; beyond it the live feed waits. */
    private static final int MAX_DISPATCH_BACKLOG = 50_000;

    private final EdgeSettings settings;
    private final KafkaMessageFeed feed;
    private final ConnectedClients clients;
    private final KafkaWriteHealth writeHealth;
    private final Listeners mqttServer;
    private final TcpServer httpServer;
    private final EdgeDrain drain;
    private final AccessControl accessControl;
    /** What {@link #close} stops after the drain, in this order. */
    private final List<AutoCloseable> stopOrder;

    private boolean closed;

    private MqttEdge(
            EdgeSettings settings,
            KafkaMessageFeed feed,
            ConnectedClients clients,
            KafkaWriteHealth writeHealth,
            Listeners mqttServer,
            TcpServer httpServer,
            EdgeDrain drain,
            AccessControl accessControl,
            List<AutoCloseable> stopOrder) {
        this.settings = settings;
        this.feed = feed;
        this.clients = clients;
        this.writeHealth = writeHealth;
        this.mqttServer = mqttServer;
        this.httpServer = httpServer;
        this.drain = drain;
        this.accessControl = accessControl;
        this.stopOrder = stopOrder;
    }

    /**
     * Connects to Kafka, then opens the MQTT and HTTP ports.
     *
     * @throws EdgeStartException when Kafka or its message topic cannot be reached, or a port is
     *     taken
     */
    public static MqttEdge start(EdgeSettings settings) {
        return start(settings, SubscribePermission.EVERYONE);
    }

    /**
     * As {@link #start(EdgeSettings)}, with a permission check of the embedder's own for every
     * subscription, besides the access rules of the settings.
     */
    public static MqttEdge start(EdgeSettings settings, SubscribePermission subscribePermission) {
        StartedParts started = new StartedParts();
        Clock clock = Clock.systemUTC();
        Instant incarnation = clock.instant(); // tells this process of the node id from earlier and later ones
        try {
            KafkaProducer<byte[], byte[]> producer = EdgeKafkaClients.producer(
                    settings.kafkaBootstrap(),
                    settings.nodeId() + "-producer",
                    KafkaSessionStore.producerSettings(settings.kafkaClientOverrides()));
            started.add(producer);
            TopicMapping mapping = settings.mapping();
            String bootstrap = settings.kafkaBootstrap();
            Map<String, Object> overrides = settings.kafkaClientOverrides();
            EdgeMetrics metrics = new EdgeMetrics(settings.nodeId());
            started.add(metrics);
            MessageTopics messages = MessageTopics.start(
                    settings, readFromStart(overrides), METADATA_TIMEOUT, STATE_LOAD_TIMEOUT, metrics, started);
            KafkaProducer<byte[], byte[]> messageProducer = messages.producer();
            KafkaMessageLog messageLog = messages.log();
            RetainedIndex retainedIndex = messages.retainedIndex();
            Map<String, Integer> partitions = messages.partitions();
            SubscriptionRegistry registry = new SubscriptionRegistry();
            DispatchBacklog backlog = new DispatchBacklog(MAX_DISPATCH_BACKLOG);
            PartitionPlanner planner = new PartitionPlanner(mapping, partitions);
            ConsumerLagMeters lagMeters = new ConsumerLagMeters(metrics.registry());
            started.add(lagMeters);
            KafkaMessageFeed feed = new KafkaMessageFeed(
                    lagMeters.bind(EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-feed", overrides)),
                    planner,
                    registry,
                    backlog,
                    metrics,
                    messages.records());
            started.add(feed);
            feed.start();
            KafkaLogReader logReader = new KafkaLogReader(
                    () -> lagMeters.bind(
                            EdgeKafkaClients.catchUpConsumer(bootstrap, settings.nodeId() + "-catch-up", overrides)),
                    LOG_READER_THREADS,
                    messages.records());
            started.add(logReader);
            logReader.start();
            KafkaLogTimeIndex timeIndex =
                    new KafkaLogTimeIndex(bootstrap, overrides, settings.nodeId() + "-replay", planner);
            started.add(timeIndex);

            EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            AutoCloseable eventLoops = () -> StartedParts.shutdownGracefully(bossGroup, workerGroup);
            started.add(eventLoops);
            EdgeLiveness liveness = new EdgeLiveness(
                    EdgeKafkaClients.followerConsumer(bootstrap, settings.nodeId() + "-liveness", overrides),
                    settings.topics().cluster(),
                    settings.nodeId(),
                    incarnation,
                    settings.heartbeatInterval().multipliedBy(HEARTBEATS_MISSED_BEFORE_DEAD),
                    clock);
            started.add(liveness);
            liveness.start();
            KafkaWriteHealth writeHealth = new KafkaWriteHealth();
            KafkaSessions sessions = KafkaSessions.start(
                    settings,
                    producer,
                    readFromStart(overrides),
                    messageLog,
                    liveness,
                    writeHealth,
                    incarnation,
                    clock,
                    STATE_LOAD_TIMEOUT,
                    started::add);
            KafkaSharedGroups sharedGroups = new KafkaSharedGroups(
                    Admin.create(adminConfig(bootstrap, overrides)),
                    settings.topics().prefix(),
                    bootstrap,
                    settings.nodeId(),
                    mapping,
                    partitions,
                    overrides,
                    messages.records());
            started.add(sharedGroups);
            SessionStore sessionStore = sessions.store();
            ConnectedClients clients = new ConnectedClients();
            SlowChecks slowChecks = new SlowChecks();
            started.add(slowChecks);
            Authentication authentication = new Authentication(
                    settings.auth().authenticator(), settings.auth().failedAttempts(), slowChecks);
            AccessControl accessControl = new AccessControl(settings.accessRules());
            accessControl.onReplace(new SubscriptionRevoker(clients));
            Optional<UserDirectory> users = settings.auth().authenticator().users();
            users.ifPresent(directory -> directory.onReplace(new UserRevoker(clients)));
            AuthTopic authTopic = new AuthTopic(
                    EdgeKafkaClients.followerConsumer(bootstrap, settings.nodeId() + "-auth", overrides),
                    settings.topics().auth(),
                    users,
                    accessControl,
                    settings.protocol().deniedSubscriptions());
            started.add(authTopic);
            authTopic.start(producer, settings.access().rules(), settings.nodeId(), clock, STATE_LOAD_TIMEOUT);
            ProtocolServices services = new ProtocolServices(
                    protocolWithinKafkaLimits(settings.protocol(), messages.sizeLimits()),
                    messageLog,
                    new SessionServices(
                            registry,
                            feed,
                            logReader,
                            timeIndex,
                            retainedIndex,
                            sessionStore,
                            metrics,
                            sharedGroups,
                            settings.protocol().catchUpBatch(),
                            CHECKPOINT_INTERVAL_MS,
                            clock),
                    clients,
                    subscribePermission,
                    metrics,
                    authentication,
                    accessControl,
                    settings.access().publishDenied());
            metrics.connections(clients::count);
            metrics.kafkaWritable(writeHealth::canWrite);
            metrics.subscriptions(registry::size);
            OwnSessionCounts ownSessions =
                    new OwnSessionCounts(settings.nodeId(), sessions.directory()::entries, metrics::sessionExpired);
            sessions.directory().onDropped(ownSessions::dropped);
            metrics.sessions(clients::count, ownSessions::disconnected);
            Listeners mqtt = Listeners.bind(
                    settings.allListeners(),
                    bossGroup,
                    workerGroup,
                    (listener, tls) -> new MqttChannelInitializer(services, listener, tls));
            started.add(mqtt);
            MqttEdge[] self = new MqttEdge[1];
            TcpServer http = null;
            PeerAdmin peerAdmin = new PeerAdmin(ADMIN_PEER_TIMEOUT);
            started.add(peerAdmin);
            String mqttAddress =
                    EdgeIdentity.advertised(settings.bindHost(), mqtt.ports().get(0));
            KafkaCursorLag cursorLag = new KafkaCursorLag(Admin.create(adminConfig(bootstrap, overrides)));
            started.add(cursorLag);
            TopicRates topicRates = new TopicRates();
            AnalyticsReader analytics = new AnalyticsReader(
                    EdgeKafkaClients.followerConsumer(bootstrap, settings.nodeId() + "-analytics", overrides),
                    settings.topics().analytics(),
                    topicRates);
            started.add(analytics);
            analytics.start(clock.instant());
            Supplier<MessageTotals> messageTotals =
                    () -> new MessageTotals(metrics.messagesReceived(), metrics.messagesDelivered());
            MessageRates messageRates = new MessageRates(messageTotals);
            workerGroup.scheduleAtFixedRate(() -> messageRates.sample(System.nanoTime()), 0, 1, TimeUnit.SECONDS);
            ClusterAdmin clusterAdmin = AdminApiParts.clusterAdmin(
                    settings,
                    incarnation,
                    mqttAddress,
                    () -> self[0] == null ? -1 : self[0].httpPort(),
                    clients,
                    retainedIndex,
                    () -> self[0] != null && !self[0].drain.isAccepting(),
                    writeHealth::canWrite,
                    messageTotals,
                    messageRates,
                    metrics::kafkaLag,
                    cursorLag,
                    liveness,
                    sessions,
                    peerAdmin,
                    () -> self[0].drain.request(),
                    new AuthTopicAdmin(authTopic, producer, settings.topics().auth()),
                    topicRates);
            if (settings.httpPort() >= 0) {
                http = TcpServer.bind(
                        "HTTP",
                        settings.bindHost(),
                        settings.httpPort(),
                        bossGroup,
                        workerGroup,
                        new HttpChannelInitializer(
                                new HealthHandler(() -> self[0] != null && self[0].isReady()),
                                new AdminHandler(() -> self[0].drain.request(), clients::addresses),
                                new MetricsHandler(metrics),
                                new AdminGuard(settings.adminAccess(), slowChecks),
                                new ApiHandler(clusterAdmin)));
                started.add(http);
            }
            HeartbeatPublisher heartbeats = new HeartbeatPublisher(
                    EdgeKafkaClients.heartbeatProducer(bootstrap, settings.nodeId() + "-heartbeats", overrides),
                    settings.topics().cluster(),
                    settings.nodeId(),
                    mqttAddress,
                    http == null ? null : EdgeIdentity.advertised(settings.bindHost(), http.port()),
                    incarnation,
                    settings.heartbeatInterval(),
                    writeHealth,
                    clock);
            started.add(heartbeats);
            heartbeats.start();
            EdgeDrain drain = new EdgeDrain(
                    settings.nodeId(), settings.drainDelay(), mqtt, clients, messageProducer::flush, producer::flush);
            metrics.draining(() -> !drain.isAccepting());
            MqttEdge edge = new MqttEdge(
                    settings,
                    feed,
                    clients,
                    writeHealth,
                    mqtt,
                    http,
                    drain,
                    accessControl,
                    started.stopOrder(Arrays.asList( // the HTTP server may be null
                            heartbeats,
                            metrics,
                            analytics,
                            cursorLag,
                            lagMeters,
                            slowChecks,
                            sharedGroups,
                            sessions.transactions(),
                            liveness,
                            sessions.directory(),
                            messages.retainedReader(),
                            timeIndex,
                            logReader,
                            feed,
                            sessions.writes(),
                            () -> messageProducer.close(SHUTDOWN_GRACE),
                            () -> {
                                producer.flush();
                                producer.close(SHUTDOWN_GRACE);
                            },
                            http,
                            peerAdmin,
                            authTopic,
                            mqtt,
                            eventLoops)));
            self[0] = edge;
            log.info("Edge {} serving MQTT on {}", settings.nodeId(), String.join(", ", mqtt.describe()));
            return edge;
        } catch (RuntimeException e) {
            started.closeAll();
            throw e instanceof EdgeStartException ? e : new EdgeStartException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.closeAll();
            throw new EdgeStartException("Interrupted while starting", e);
        }
    }

    /** The access rules in force, which can be replaced while the edge runs. */
    public AccessControl accessControl() {
        return accessControl;
    }

    /** The plain TCP MQTT port, or -1 when it is off. */
    public int mqttPort() {
        return settings.mqttPort() < 0 ? -1 : mqttServer.ports().get(0);
    }

    /** The bound port of every MQTT listener, in the order of {@link EdgeSettings#allListeners()}. */
    public List<Integer> listenerPorts() {
        return mqttServer.ports();
    }

    /** The HTTP port, or -1 when HTTP is off. */
    public int httpPort() {
        return httpServer == null ? -1 : httpServer.port();
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /**
     * True while the edge accepts clients and can write to Kafka; load balancers read it from {@code
     * /health/ready}.
     */
    public boolean isReady() {
        return drain.isAccepting() && writeHealth.canWrite();
    }

    /** The Kafka partitions this edge's live feed reads: those its subscriptions can match. */
    public Set<TopicPartition> followedPartitions() {
        return feed.followedPartitions();
    }

    public int connectedClients() {
        return clients.count();
    }

    /** Whoever runs the edge gets told when an operator asks for a drain (and stops the process). */
    public void onDrainRequested(Runnable listener) {
        drain.onRequested(listener);
    }

    /**
     * Takes the edge out of service without losing anything: readiness fails at once (so load
     * balancers stop sending clients), new connections are refused after the drain delay, MQTT 5
     * clients are told to use another server (0x9C), every session is stored, and everything written
     * so far reaches Kafka. Calling it again waits for the same drain.
     */
    public CompletableFuture<Void> drain() {
        return drain.forOperator();
    }

    /**
     * Drains the edge (see {@link #drain}; clients are told the server shuts down, 0x8B), then stops
     * everything.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        drain.forShutdown().join();
        log.info("Edge {} stopping", settings.nodeId());
        StartedParts.closeInOrder(stopOrder);
        log.info("Edge {} stopped", settings.nodeId());
    }

    /**
     * The protocol settings with a Maximum Packet Size no larger than the message topics take, so
     * that a client learns the limit in CONNACK rather than from a refusal.
     */
    private static ProtocolSettings protocolWithinKafkaLimits(ProtocolSettings protocol, TopicSizeLimits limits) {
        int largest = limits.maxPacketSize(protocol.maxPacketSize());
        if (largest == protocol.maxPacketSize()) {
            return protocol;
        }
        log.info(
                "Maximum Packet Size lowered from {} to {} bytes, as {}",
                protocol.maxPacketSize(),
                largest,
                limits.bindingLimit());
        return protocol.toBuilder().maxPacketSize(largest).build();
    }

    /** Readers of whole topics start at the beginning when they have no position. */
    private static Map<String, Object> readFromStart(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.putIfAbsent("auto.offset.reset", "earliest");
        return config;
    }

    private static Map<String, Object> adminConfig(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(overrides);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return config;
    }
}
