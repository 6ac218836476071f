package io.wharf.router;

import io.wharf.router.analytics.AnalyticsTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router: Kafka Streams running Wharf's cluster-wide topologies. Its composition root.
 *
 * <p>Edge liveness and analytics run as two Kafka Streams applications, so that analytics, which
 * reads every message, never delays the detection of a dead edge, and either can be scaled or
 * reset on its own.
 */
public final class KafkaRouter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaRouter.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final List<KafkaStreams> applications;

  private KafkaRouter(List<KafkaStreams> applications) {
    this.applications = applications;
  }

  public static KafkaRouter start(RouterSettings settings) {
    String prefix = settings.topics().prefix();
    List<KafkaStreams> applications = new ArrayList<>();
    applications.add(
        start(prefix + "router", EdgeLivenessTopology.build(settings.topics(), settings.edgeSilenceAllowed()), settings));
    if (settings.analytics().enabled()) {
      applications.add(start(prefix + "router-analytics", AnalyticsTopology.build(settings.topics(), settings.analytics()), settings));
      log.info("Router analytics counting {} per {}", settings.analytics().filters(), settings.analytics().window());
    }
    return new KafkaRouter(applications);
  }

  private static KafkaStreams start(String applicationId, Topology topology, RouterSettings settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
    config.putAll(settings.streamsOverrides());
    Properties properties = new Properties();
    properties.putAll(config);
    KafkaStreams streams = new KafkaStreams(topology, properties);
    streams.setUncaughtExceptionHandler(
        error -> {
          log.error("Router application {} hit an error it cannot handle; replacing its stream thread", applicationId, error);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    log.info("Router started (application id {})", applicationId);
    return streams;
  }

  /** True once every router application has joined its group and processes records. */
  public boolean isRunning() {
    return applications.stream().allMatch(streams -> streams.state() == KafkaStreams.State.RUNNING);
  }

  /** Stops the applications side by side, so that stopping takes as long as the slowest. */
  @Override
  public void close() {
    // A zero timeout starts a shutdown without waiting; the second close waits for it.
    applications.forEach(streams -> streams.close(Duration.ZERO));
    applications.forEach(streams -> streams.close(CLOSE_TIMEOUT));
    log.info("Router stopped");
  }
}
