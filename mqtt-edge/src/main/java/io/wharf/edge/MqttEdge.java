package io.wharf.edge;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.delivery.DispatchBacklog;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.http.AdminHandler;
import io.wharf.edge.http.HealthHandler;
import io.wharf.edge.http.HttpChannelInitializer;
import io.wharf.edge.http.MetricsHandler;
import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.KafkaLogReader;
import io.wharf.edge.kafka.KafkaLogTimeIndex;
import io.wharf.edge.kafka.KafkaMessageFeed;
import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.KafkaWriteHealth;
import io.wharf.edge.kafka.PartitionPlanner;
import io.wharf.edge.kafka.RetainedReader;
import io.wharf.edge.kafka.SerialSender;
import io.wharf.edge.kafka.cluster.EdgeLiveness;
import io.wharf.edge.kafka.cluster.HeartbeatPublisher;
import io.wharf.edge.kafka.session.CommittedRecordCheck;
import io.wharf.edge.kafka.session.KafkaSessionStore;
import io.wharf.edge.kafka.session.SessionDirectory;
import io.wharf.edge.kafka.session.TransactionalWriter;
import io.wharf.edge.kafka.shared.KafkaSharedGroups;
import io.wharf.edge.metrics.EdgeMetrics;
import io.wharf.edge.netty.MqttChannelInitializer;
import io.wharf.edge.netty.TcpServer;
import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.SubscribePermission;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.edge.session.SessionServices;
import io.wharf.edge.session.SessionStore;
import io.wharf.schemas.mapping.TopicMapping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    /** Session records waiting for the session producer; one write per session is the usual most. */
    private static final int MAX_QUEUED_SESSION_WRITES = 100_000;

    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(10);
    /** How long a drain waits for the clients' messages to reach Kafka, which may be away. */
    private static final Duration MESSAGE_FLUSH_WAIT = Duration.ofSeconds(30);

    private static final int HEARTBEATS_MISSED_BEFORE_DEAD = 3;
    private static final int LOG_READER_THREADS = 2;
    private static final long CHECKPOINT_INTERVAL_MS = 1000;
    /** Deliveries handed to sessions and not yet taken up; beyond it the live feed waits. */
    private static final int MAX_DISPATCH_BACKLOG = 50_000;

    private static final Duration COMMIT_CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final EdgeSettings settings;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaProducer<byte[], byte[]> messageProducer;
    private final List<AutoCloseable> readers;
    private final KafkaMessageFeed feed;
    private final ConnectedClients clients;
    private final HeartbeatPublisher heartbeats;
    private final KafkaWriteHealth writeHealth;
    private final TcpServer mqttServer;
    private final TcpServer httpServer;
    private volatile boolean accepting = true;
    private CompletableFuture<Void> drained;
    /** Completes when an operator's drain is done; a listener may come after it. */
    private final CompletableFuture<Void> operatorDrain = new CompletableFuture<>();

    private boolean closed;

    private MqttEdge(
            EdgeSettings settings,
            EventLoopGroup bossGroup,
            EventLoopGroup workerGroup,
            KafkaProducer<byte[], byte[]> producer,
            KafkaProducer<byte[], byte[]> messageProducer,
            List<AutoCloseable> readers,
            KafkaMessageFeed feed,
            ConnectedClients clients,
            HeartbeatPublisher heartbeats,
            KafkaWriteHealth writeHealth,
            TcpServer mqttServer,
            TcpServer httpServer) {
        this.settings = settings;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.producer = producer;
        this.messageProducer = messageProducer;
        this.readers = readers;
        this.feed = feed;
        this.clients = clients;
        this.heartbeats = heartbeats;
        this.writeHealth = writeHealth;
        this.mqttServer = mqttServer;
        this.httpServer = httpServer;
    }

    /**
     * Connects to Kafka, then opens the MQTT and HTTP ports.
     *
     * @throws EdgeStartException when Kafka or its message topic cannot be reached, or a port is
     *     taken
     */
    public static MqttEdge start(EdgeSettings settings) {
        return start(settings, settings.subscribePermission());
    }

    /**
     * As {@link #start(EdgeSettings)}, with a permission check of the embedder's own for every
     * subscription (instead of the denied filters of the settings).
     */
    public static MqttEdge start(EdgeSettings settings, SubscribePermission subscribePermission) {
        List<AutoCloseable> started = new ArrayList<>();
        Instant incarnation = Instant.now(); // tells this process of the node id from earlier and later ones
        try {
            KafkaProducer<byte[], byte[]> producer = EdgeKafkaClients.producer(
                    settings.kafkaBootstrap(),
                    settings.nodeId() + "-producer",
                    KafkaSessionStore.producerSettings(settings.kafkaClientOverrides()));
            started.add(producer);
            TopicMapping mapping = settings.mapping();
            String bootstrap = settings.kafkaBootstrap();
            Map<String, Object> overrides = settings.kafkaClientOverrides();
            RetainedIndex retainedIndex = new RetainedIndex();
            // Messages have a producer of their own, one that never blocks the event loops that send.
            KafkaProducer<byte[], byte[]> messageProducer = EdgeKafkaClients.producer(
                    bootstrap,
                    settings.nodeId() + "-messages",
                    KafkaMessageLog.producerSettings(settings.kafkaOutageLimit(), overrides));
            started.add(messageProducer);
            KafkaMessageLog messageLog = new KafkaMessageLog(
                    messageProducer,
                    mapping,
                    settings.topics().retained().name(),
                    retainedIndex,
                    settings.kafkaOutageLimit());
            if (!messageLog.awaitMetadata(METADATA_TIMEOUT)) {
                throw new EdgeStartException(
                        "Kafka at " + bootstrap + " did not answer within " + METADATA_TIMEOUT.toSeconds()
                                + " s, or a message topic does not exist. Check the address and that the broker runs.",
                        null);
            }
            // The producer has the topics' metadata now, so their partitions are known at once.
            Map<String, Integer> partitions = new HashMap<>();
            for (String kafkaTopic : mapping.kafkaTopics()) {
                partitions.put(
                        kafkaTopic, messageProducer.partitionsFor(kafkaTopic).size());
            }

            RetainedReader retainedReader = new RetainedReader(
                    EdgeKafkaClients.followerConsumer(
                            bootstrap, settings.nodeId() + "-retained", readFromStart(overrides)),
                    settings.topics().retained().name(),
                    retainedIndex);
            started.add(retainedReader);
            if (!retainedReader.startAndAwaitLoaded(STATE_LOAD_TIMEOUT)) {
                throw new EdgeStartException(
                        "The retained messages in "
                                + settings.topics().retained().name() + " did not load within "
                                + STATE_LOAD_TIMEOUT.toSeconds() + " s",
                        null);
            }
            EdgeMetrics metrics = new EdgeMetrics(settings.nodeId());
            started.add(metrics);
            SubscriptionRegistry registry = new SubscriptionRegistry();
            DispatchBacklog backlog = new DispatchBacklog(MAX_DISPATCH_BACKLOG);
            PartitionPlanner planner = new PartitionPlanner(mapping, partitions);
            KafkaMessageFeed feed = new KafkaMessageFeed(
                    EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-feed", overrides),
                    planner,
                    registry,
                    backlog,
                    metrics);
            started.add(feed);
            feed.start();
            KafkaLogReader logReader = new KafkaLogReader(
                    () -> EdgeKafkaClients.consumer(
                            bootstrap, settings.nodeId() + "-catch-up", readFromStart(overrides)),
                    LOG_READER_THREADS);
            started.add(logReader);
            logReader.start();
            KafkaLogTimeIndex timeIndex =
                    new KafkaLogTimeIndex(bootstrap, overrides, settings.nodeId() + "-replay", planner);
            started.add(timeIndex);

            EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            started.add(() -> shutdownGracefully(bossGroup, workerGroup));
            EdgeLiveness liveness = new EdgeLiveness(
                    EdgeKafkaClients.followerConsumer(bootstrap, settings.nodeId() + "-liveness", overrides),
                    settings.topics().cluster(),
                    settings.nodeId(),
                    incarnation,
                    settings.heartbeatInterval().multipliedBy(HEARTBEATS_MISSED_BEFORE_DEAD));
            started.add(liveness);
            liveness.start();
            SessionDirectory directory = new SessionDirectory(
                    EdgeKafkaClients.followerConsumer(
                            bootstrap, settings.nodeId() + "-sessions", readFromStart(overrides)),
                    settings.topics().sessions());
            started.add(directory);
            if (!directory.startAndAwaitLoaded(STATE_LOAD_TIMEOUT)) {
                throw new EdgeStartException(
                        "The sessions in " + settings.topics().sessions().name() + " did not load within "
                                + STATE_LOAD_TIMEOUT.toSeconds() + " s",
                        null);
            }
            KafkaWriteHealth writeHealth = new KafkaWriteHealth();
            TransactionalWriter transactions = new TransactionalWriter(
                    () -> EdgeKafkaClients.transactionalProducer(
                            bootstrap, settings.nodeId() + "-transactions", settings.nodeId() + "-qos2", overrides),
                    new CommittedRecordCheck(
                            () -> EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-commit-check", overrides),
                            COMMIT_CHECK_TIMEOUT),
                    settings.kafkaOutageLimit(),
                    writeHealth);
            started.add(transactions);
            transactions.start();
            KafkaSharedGroups sharedGroups = new KafkaSharedGroups(
                    Admin.create(adminConfig(bootstrap, overrides)),
                    settings.topics().prefix(),
                    bootstrap,
                    settings.nodeId(),
                    mapping,
                    partitions,
                    overrides);
            started.add(sharedGroups);
            // Session writes start on event loops; a thread of their own waits for Kafka instead.
            SerialSender sessionWrites = new SerialSender(producer, "wharf-session-writes", MAX_QUEUED_SESSION_WRITES);
            started.add(sessionWrites);
            SessionStore sessionStore = new KafkaSessionStore(
                    sessionWrites,
                    transactions,
                    messageLog,
                    settings.topics().sessions(),
                    directory,
                    liveness,
                    settings.nodeId(),
                    incarnation,
                    HAND_OVER_WAIT);
            ConnectedClients clients = new ConnectedClients();
            ProtocolServices services = new ProtocolServices(
                    settings.protocol(),
                    messageLog,
                    new SessionServices(
                            registry,
                            feed,
                            logReader,
                            timeIndex,
                            retainedIndex,
                            sessionStore,
                            backlog,
                            metrics,
                            sharedGroups,
                            settings.protocol().catchUpBatch(),
                            CHECKPOINT_INTERVAL_MS,
                            Clock.systemUTC()),
                    clients,
                    subscribePermission,
                    metrics);
            metrics.connections(clients::count);
            metrics.kafkaWritable(writeHealth::canWrite);
            TcpServer mqtt = TcpServer.bind(
                    "MQTT",
                    settings.bindHost(),
                    settings.mqttPort(),
                    bossGroup,
                    workerGroup,
                    new MqttChannelInitializer(services));
            started.add(mqtt);
            MqttEdge[] self = new MqttEdge[1];
            TcpServer http = null;
            if (settings.httpPort() >= 0) {
                http = TcpServer.bind(
                        "HTTP",
                        settings.bindHost(),
                        settings.httpPort(),
                        bossGroup,
                        workerGroup,
                        new HttpChannelInitializer(
                                new HealthHandler(() -> self[0] != null && self[0].isReady()),
                                new AdminHandler(() -> self[0].requestDrain()),
                                new MetricsHandler(metrics)));
            }
            HeartbeatPublisher heartbeats = new HeartbeatPublisher(
                    EdgeKafkaClients.heartbeatProducer(bootstrap, settings.nodeId() + "-heartbeats", overrides),
                    settings.topics().cluster(),
                    settings.nodeId(),
                    settings.bindHost() + ":" + mqtt.port(),
                    incarnation,
                    settings.heartbeatInterval(),
                    writeHealth);
            started.add(heartbeats);
            heartbeats.start();
            MqttEdge edge = new MqttEdge(
                    settings,
                    bossGroup,
                    workerGroup,
                    producer,
                    messageProducer,
                    List.of(
                            sessionWrites,
                            feed,
                            logReader,
                            timeIndex,
                            retainedReader,
                            directory,
                            liveness,
                            transactions,
                            sharedGroups,
                            metrics),
                    feed,
                    clients,
                    heartbeats,
                    writeHealth,
                    mqtt,
                    http);
            self[0] = edge;
            log.info("Edge {} serving MQTT on {}:{}", settings.nodeId(), settings.bindHost(), mqtt.port());
            return edge;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e instanceof EdgeStartException ? e : new EdgeStartException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(started);
            throw new EdgeStartException("Interrupted while starting", e);
        }
    }

    public int mqttPort() {
        return mqttServer.port();
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
        return accepting && writeHealth.canWrite();
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
        operatorDrain.thenRun(listener);
    }

    private void requestDrain() {
        drain().thenRun(() -> operatorDrain.complete(null));
    }

    /**
     * Takes the edge out of service without losing anything: readiness fails at once (so load
     * balancers stop sending clients), new connections are refused after the drain delay, MQTT 5
     * clients are told to use another server (0x9C), every session is stored, and everything written
     * so far reaches Kafka. Calling it again waits for the same drain.
     */
    public CompletableFuture<Void> drain() {
        return drain(MqttReasonCodes.Disconnect.USE_ANOTHER_SERVER, "this server is being drained");
    }

    private synchronized CompletableFuture<Void> drain(MqttReasonCodes.Disconnect reason, String why) {
        if (drained == null) {
            accepting = false;
            log.info(
                    "Edge {} draining: readiness off, refusing new connections in {} ms",
                    settings.nodeId(),
                    settings.drainDelay().toMillis());
            drained = CompletableFuture.runAsync(
                    () -> {
                        mqttServer.close();
                        clients.disconnectAll(reason, why, SHUTDOWN_GRACE);
                        flush(messageProducer, MESSAGE_FLUSH_WAIT);
                        producer.flush();
                        log.info("Edge {} drained: every session is stored", settings.nodeId());
                    },
                    CompletableFuture.delayedExecutor(settings.drainDelay().toMillis(), TimeUnit.MILLISECONDS));
        }
        return drained;
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
        drain(MqttReasonCodes.Disconnect.SERVER_SHUTTING_DOWN, "the server is shutting down")
                .join();
        log.info("Edge {} stopping", settings.nodeId());
        heartbeats.close();
        closeAll(readers);
        messageProducer.close(SHUTDOWN_GRACE);
        producer.flush();
        producer.close(SHUTDOWN_GRACE);
        if (httpServer != null) {
            httpServer.close();
        }
        shutdownGracefully(bossGroup, workerGroup);
        log.info("Edge {} stopped", settings.nodeId());
    }

    /** Waits for what the producer holds to be written, but no longer than {@code wait}: Kafka may be away. */
    private static void flush(KafkaProducer<byte[], byte[]> producer, Duration wait) {
        try {
            CompletableFuture.runAsync(producer::flush).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            log.warn("Not every message reached Kafka within {} s of the drain: {}", wait.toSeconds(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private static void shutdownGracefully(EventLoopGroup... groups) {
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception suppressed) {
                log.debug("Cleanup after a failed start: {}", suppressed.toString());
            }
        }
    }
}
