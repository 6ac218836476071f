package io.wharf.router;

import io.wharf.router.analytics.AnalyticsTopology;
import io.wharf.router.sessions.SessionLifecycleTopology;
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
 * The router: Kafka Streams applications running Wharf's cluster-wide topologies. Its composition
 * root. Every router process joins the same applications, so Kafka spreads the work over them and
 * moves it when one stops.
 *
 * <p>Edge liveness, session lifecycle and analytics are separate applications, so that analytics,
 * which reads every message, never delays expiry or wills, and each can be scaled or reset on its
 * own.
 */
public final class KafkaRouter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaRouter.class);
    private static final Duration SESSION_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);

    private final List<KafkaStreams> applications;

    private KafkaRouter(List<KafkaStreams> applications) {
        this.applications = applications;
    }

    public static KafkaRouter start(RouterSettings settings) {
        String prefix = settings.topics().prefix();
        List<KafkaStreams> applications = new ArrayList<>();
        applications.add(start(
                prefix + "router",
                EdgeLivenessTopology.build(settings.topics(), settings.edgeSilenceAllowed()),
                settings,
                false));
        // Publishing a will and recording that it is published must happen together: exactly-once.
        applications.add(start(
                prefix + "router-sessions",
                SessionLifecycleTopology.build(
                        settings.topics(), settings.mapping(), settings.edgeSilenceAllowed(), SESSION_CHECK_INTERVAL),
                settings,
                true));
        if (settings.analytics().enabled()) {
            applications.add(start(
                    prefix + "router-analytics",
                    AnalyticsTopology.build(settings.topics(), settings.analytics()),
                    settings,
                    false));
            log.info(
                    "Router analytics counting {} per {}",
                    settings.analytics().filters(),
                    settings.analytics().window());
        }
        return new KafkaRouter(applications);
    }

    private static KafkaStreams start(
            String applicationId, Topology topology, RouterSettings settings, boolean exactlyOnce) {
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                settings.stateDir().toAbsolutePath().toString());
        // A router that dies hands its work to the others within seconds, not the default 45.
        config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        config.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2000);
        // An idle stream thread wakes up once per poll: the default 100 ms makes three applications
        // busy doing nothing. Wall-clock checks (wills, expiry, silent edges) run at most this late.
        config.put(StreamsConfig.POLL_MS_CONFIG, IDLE_POLL.toMillis());
        if (exactlyOnce) {
            config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        }
        config.putAll(settings.streamsOverrides());
        Properties properties = new Properties();
        properties.putAll(config);
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(error -> {
            log.error(
                    "Router application {} hit an error it cannot handle; replacing its stream thread",
                    applicationId,
                    error);
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
