package io.wharf.edge;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.cluster.HeartbeatPublisher;
import io.wharf.edge.delivery.SubscriptionRegistry;
import io.wharf.edge.http.HealthHandler;
import io.wharf.edge.http.HttpChannelInitializer;
import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.KafkaLogReader;
import io.wharf.edge.kafka.KafkaMessageFeed;
import io.wharf.edge.kafka.KafkaMessageLog;
import io.wharf.edge.kafka.PartitionPlanner;
import io.wharf.edge.netty.MqttChannelInitializer;
import io.wharf.edge.netty.TcpServer;
import io.wharf.edge.protocol.ConnectedClients;
import io.wharf.edge.protocol.Disconnector;
import io.wharf.edge.protocol.MqttConnection;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.edge.retained.RetainedReader;
import io.wharf.edge.session.InMemorySessionStore;
import io.wharf.edge.session.SessionEndings;
import io.wharf.edge.session.SessionServices;
import io.wharf.edge.session.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One edge node: the MQTT and HTTP ports, and the Kafka clients behind them. This is the edge's
 * composition root; it builds every part with its constructor and stops them in reverse.
 */
public final class MqttEdge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttEdge.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
  private static final Duration RETAINED_LOAD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
  private static final int LOG_READER_THREADS = 2;

  private final EdgeSettings settings;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final KafkaProducer<byte[], byte[]> producer;
  private final List<AutoCloseable> readers;
  private final ConnectedClients clients;
  private final SessionEndings sessionEndings;
  private final HeartbeatPublisher heartbeats;
  private final TcpServer mqttServer;
  private final TcpServer httpServer;
  private volatile boolean accepting = true;
  private boolean closed;

  private MqttEdge(
      EdgeSettings settings,
      EventLoopGroup bossGroup,
      EventLoopGroup workerGroup,
      KafkaProducer<byte[], byte[]> producer,
      List<AutoCloseable> readers,
      ConnectedClients clients,
      SessionEndings sessionEndings,
      HeartbeatPublisher heartbeats,
      TcpServer mqttServer,
      TcpServer httpServer) {
    this.settings = settings;
    this.bossGroup = bossGroup;
    this.workerGroup = workerGroup;
    this.producer = producer;
    this.readers = readers;
    this.clients = clients;
    this.sessionEndings = sessionEndings;
    this.heartbeats = heartbeats;
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
    String messagesTopic = settings.topics().messages().name();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      KafkaProducer<byte[], byte[]> producer =
          EdgeKafkaClients.producer(settings.kafkaBootstrap(), settings.nodeId() + "-producer", settings.kafkaClientOverrides());
      started.add(producer);
      int partitions = partitionCount(producer, messagesTopic, settings.kafkaBootstrap());
      String bootstrap = settings.kafkaBootstrap();
      Map<String, Object> overrides = settings.kafkaClientOverrides();

      RetainedIndex retainedIndex = new RetainedIndex();
      RetainedReader retainedReader =
          new RetainedReader(EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-retained", readFromStart(overrides)), settings.topics().retained().name(), retainedIndex);
      started.add(retainedReader);
      if (!retainedReader.startAndAwaitLoaded(RETAINED_LOAD_TIMEOUT)) {
        throw new EdgeStartException("The retained messages in " + settings.topics().retained().name() + " did not load within " + RETAINED_LOAD_TIMEOUT.toSeconds() + " s", null);
      }
      SubscriptionRegistry registry = new SubscriptionRegistry();
      KafkaMessageFeed feed =
          new KafkaMessageFeed(
              EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-feed", overrides), new PartitionPlanner(messagesTopic, partitions), registry);
      started.add(feed);
      feed.start();
      KafkaLogReader logReader =
          new KafkaLogReader(() -> EdgeKafkaClients.consumer(bootstrap, settings.nodeId() + "-catch-up", readFromStart(overrides)), LOG_READER_THREADS);
      started.add(logReader);
      logReader.start();

      EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      EventLoopGroup workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
      started.add(() -> shutdownGracefully(bossGroup, workerGroup));
      KafkaMessageLog messageLog = new KafkaMessageLog(producer, messagesTopic, settings.topics().retained().name(), retainedIndex);
      SessionStore sessionStore = new InMemorySessionStore();
      SessionEndings sessionEndings = new SessionEndings(workerGroup.next(), sessionStore, messageLog);
      ConnectedClients clients = new ConnectedClients();
      ProtocolServices services =
          new ProtocolServices(
              settings.protocol(),
              messageLog,
              new SessionServices(registry, feed, logReader, retainedIndex, settings.protocol().catchUpBatch()),
              sessionStore,
              sessionEndings,
              clients);
      TcpServer mqtt =
          TcpServer.bind("MQTT", settings.bindHost(), settings.mqttPort(), bossGroup, workerGroup, new MqttChannelInitializer(services));
      started.add(mqtt);
      MqttEdge[] self = new MqttEdge[1];
      TcpServer http = null;
      if (settings.httpPort() >= 0) {
        http =
            TcpServer.bind(
                "HTTP",
                settings.bindHost(),
                settings.httpPort(),
                bossGroup,
                workerGroup,
                new HttpChannelInitializer(new HealthHandler(() -> self[0] != null && self[0].isReady())));
      }
      HeartbeatPublisher heartbeats =
          new HeartbeatPublisher(
              producer, settings.topics().cluster(), settings.nodeId(), settings.bindHost() + ":" + mqtt.port(), settings.heartbeatInterval());
      heartbeats.start(workerGroup);
      MqttEdge edge = new MqttEdge(settings, bossGroup, workerGroup, producer, List.of(feed, logReader, retainedReader), clients, sessionEndings, heartbeats, mqtt, http);
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

  /** True while the edge accepts clients; load balancers read it from {@code /health/ready}. */
  public boolean isReady() {
    return accepting;
  }

  public int connectedClients() {
    return clients.count();
  }

  /**
   * Stops accepting, tells connected clients the server is shutting down (publishing their wills),
   * waits for their messages to reach Kafka, then stops.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    accepting = false;
    log.info("Edge {} stopping", settings.nodeId());
    mqttServer.close();
    disconnectAll();
    sessionEndings.publishPendingWills();
    heartbeats.close();
    closeAll(readers);
    producer.flush();
    producer.close(SHUTDOWN_GRACE);
    if (httpServer != null) {
      httpServer.close();
    }
    shutdownGracefully(bossGroup, workerGroup);
    log.info("Edge {} stopped", settings.nodeId());
  }

  private void disconnectAll() {
    List<Channel> channels = new ArrayList<>();
    for (MqttConnection connection : clients.all()) {
      Channel channel = connection.channel();
      channels.add(channel);
      channel.eventLoop().execute(() -> Disconnector.disconnect(channel, MqttReasonCodes.Disconnect.SERVER_SHUTTING_DOWN, "the server is shutting down"));
    }
    long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
    for (Channel channel : channels) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        channel.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * The message topic's partition count. The producer waits only {@code max.block.ms} at a time,
   * and a topic created a moment ago can take longer to appear in its metadata, so it asks again
   * until {@link #METADATA_TIMEOUT}.
   */
  private static int partitionCount(KafkaProducer<byte[], byte[]> producer, String topic, String bootstrap) {
    long deadline = System.nanoTime() + METADATA_TIMEOUT.toNanos();
    while (true) {
      try {
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        return partitions.size();
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new EdgeStartException(
              "Kafka at " + bootstrap + " did not answer, or topic " + topic + " does not exist. Check the address and that the broker runs.", e);
        }
      }
    }
  }

  /** Readers of whole topics start at the beginning when they have no position. */
  private static Map<String, Object> readFromStart(Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(overrides);
    config.putIfAbsent("auto.offset.reset", "earliest");
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
