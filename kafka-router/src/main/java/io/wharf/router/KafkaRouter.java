package io.wharf.router;

import io.wharf.router.sessions.SessionLifecycleTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router: Kafka Streams applications running Wharf's cluster-wide topologies. Its composition
 * root. Every router process joins the same applications, so Kafka spreads the work over them and
 * moves it when one stops.
 */
public final class KafkaRouter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaRouter.class);
  private static final Duration SESSION_CHECK_INTERVAL = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final List<KafkaStreams> applications;

  private KafkaRouter(List<KafkaStreams> applications) {
    this.applications = applications;
  }

  public static KafkaRouter start(RouterSettings settings) {
    KafkaStreams liveness =
        application(settings, "router", EdgeLivenessTopology.build(settings.topics(), settings.edgeSilenceAllowed()), false);
    // Publishing a will and recording it must happen together: exactly-once processing.
    KafkaStreams sessions =
        application(
            settings,
            "router-sessions",
            SessionLifecycleTopology.build(settings.topics(), settings.edgeSilenceAllowed(), SESSION_CHECK_INTERVAL),
            true);
    List<KafkaStreams> applications = List.of(liveness, sessions);
    applications.forEach(KafkaStreams::start);
    log.info("Router started");
    return new KafkaRouter(applications);
  }

  private static KafkaStreams application(RouterSettings settings, String name, Topology topology, boolean exactlyOnce) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.topics().prefix() + name);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
    // A router that dies hands its work to the others within seconds, not the default 45.
    config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
    config.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2000);
    if (exactlyOnce) {
      config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    }
    config.putAll(settings.streamsOverrides());
    Properties properties = new Properties();
    properties.putAll(config);
    KafkaStreams streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(
        error -> {
          log.error("The router's {} application hit an error it cannot handle; replacing its stream thread", name, error);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    return streams;
  }

  /** True once every application has joined its group and processes records. */
  public boolean isRunning() {
    return applications.stream().allMatch(streams -> streams.state() == KafkaStreams.State.RUNNING);
  }

  @Override
  public void close() {
    CompletableFuture.allOf(
            applications.stream().map(streams -> CompletableFuture.runAsync(() -> streams.close(CLOSE_TIMEOUT))).toArray(CompletableFuture[]::new))
        .join();
    log.info("Router stopped");
  }
}
