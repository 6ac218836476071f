package io.wharf.router;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router: Kafka Streams running Wharf's cluster-wide topologies. Its composition root. */
public final class KafkaRouter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaRouter.class);

  private final KafkaStreams streams;

  private KafkaRouter(KafkaStreams streams) {
    this.streams = streams;
  }

  public static KafkaRouter start(RouterSettings settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.topics().prefix() + "router");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
    config.putAll(settings.streamsOverrides());
    Properties properties = new Properties();
    properties.putAll(config);
    KafkaStreams streams =
        new KafkaStreams(EdgeLivenessTopology.build(settings.topics(), settings.edgeSilenceAllowed()), properties);
    streams.setUncaughtExceptionHandler(
        error -> {
          log.error("The router hit an error it cannot handle; replacing its stream thread", error);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    log.info("Router started (application id {})", config.get(StreamsConfig.APPLICATION_ID_CONFIG));
    return new KafkaRouter(streams);
  }

  /** True once the router has joined its group and processes records. */
  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(5));
    log.info("Router stopped");
  }
}
