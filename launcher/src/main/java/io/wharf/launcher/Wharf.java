package io.wharf.launcher;

import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.kafka.embedded.EmbeddedKafka;
import io.wharf.kafka.embedded.EmbeddedKafkaSettings;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Wharf process: the embedded Kafka broker (unless an external cluster is configured), one
 * edge and the router (unless {@code --router false}). The launcher's composition root.
 */
final class Wharf implements AutoCloseable {

    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration EDGE_SILENCE_ALLOWED = Duration.ofSeconds(6);

    private static final Logger log = LoggerFactory.getLogger(Wharf.class);
    private final WharfConfig config;
    private final EmbeddedKafka embeddedKafka;
    private final String kafkaBootstrap;
    private final MqttEdge edge;
    private final KafkaRouter router; // null when this process runs none
    private boolean closed;

    private Wharf(
            WharfConfig config, EmbeddedKafka embeddedKafka, String kafkaBootstrap, MqttEdge edge, KafkaRouter router) {
        this.config = config;
        this.embeddedKafka = embeddedKafka;
        this.kafkaBootstrap = kafkaBootstrap;
        this.edge = edge;
        this.router = router;
    }

    static Wharf start(WharfConfig config) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            EmbeddedKafka embedded = null;
            String bootstrap;
            if (config.kafka().isPresent()) {
                bootstrap = config.kafka().get();
            } else {
                embedded = EmbeddedKafka.start(
                        EmbeddedKafkaSettings.of(config.embeddedKafkaDir(), config.embeddedKafkaPort()));
                started.add(embedded);
                bootstrap = embedded.bootstrapServers();
            }
            WharfTopics topics = new WharfTopics(config.topicPrefix());
            Map<String, Object> kafkaProperties = Map.copyOf(config.kafkaProperties());
            if (!kafkaProperties.isEmpty()) {
                log.info(
                        "Kafka clients use the settings {} of {}",
                        KafkaClientProperties.describe(config.kafkaProperties()),
                        KafkaClientProperties.KEY);
            }
            TopicProvisioner.ensure(
                    bootstrap,
                    kafkaProperties,
                    topics,
                    TopicLayout.defaults(),
                    config.mapping(),
                    TopicProvisioner.DEFAULT_TIMEOUT);
            MqttEdge edge = MqttEdge.start(EdgeSettings.builder(config.nodeId(), bootstrap, topics)
                    .bindHost(config.bindHost())
                    .ports(config.mqttPort(), config.httpPort())
                    .protocol(config.protocol())
                    .heartbeatInterval(HEARTBEAT_INTERVAL)
                    .drainDelay(config.drainDelay())
                    .mapping(config.mapping())
                    .kafkaOutageLimit(config.kafkaOutageLimit())
                    .kafkaClientOverrides(kafkaProperties)
                    .listeners(config.listeners())
                    .auth(config.authentication().auth())
                    .access(config.access())
                    .adminAccess(config.admin().access())
                    .build());
            config.admin().warning().ifPresent(log::warn);
            started.add(edge);
            KafkaRouter router = null;
            if (config.runsRouter()) {
                router = KafkaRouter.start(new RouterSettings(
                                bootstrap,
                                topics,
                                config.routerStateDir(),
                                EDGE_SILENCE_ALLOWED,
                                kafkaProperties,
                                analytics(config))
                        .withMapping(config.mapping()));
            } else {
                log.info(
                        "This process runs no router ({} false): another process of the cluster must",
                        Setting.ROUTER.flag());
            }
            return new Wharf(config, embedded, bootstrap, edge, router);
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The router's analytics as configured, over the mapped Kafka topics too. */
    private static AnalyticsSettings analytics(WharfConfig config) {
        return config.analytics()
                .withMappedTopics(
                        config.mapping().stream().map(MappingRule::kafkaTopic).toList());
    }

    /** Runs {@code action} once an operator's drain (POST /admin/drain) has completed. */
    void onDrained(Runnable action) {
        edge.onDrainRequested(action);
    }

    int mqttPort() {
        return edge.mqttPort();
    }

    int httpPort() {
        return edge.httpPort();
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** Where each part listens, for the console. */
    String describe() {
        StringBuilder text = new StringBuilder("Wharf is running (node ")
                .append(edge.nodeId())
                .append(")\n");
        if (edge.mqttPort() >= 0) {
            text.append("  MQTT    tcp://")
                    .append(config.bindHost())
                    .append(':')
                    .append(edge.mqttPort())
                    .append('\n');
        }
        List<Integer> ports = edge.listenerPorts();
        int first = edge.mqttPort() >= 0 ? 1 : 0;
        for (int i = 0; i < config.listeners().size(); i++) {
            text.append("  MQTT    ")
                    .append(config.listeners().get(i).describe(ports.get(first + i)))
                    .append('\n');
        }
        if (edge.httpPort() >= 0) {
            text.append("  HTTP    http://")
                    .append(config.bindHost())
                    .append(':')
                    .append(edge.httpPort())
                    .append("/health/ready\n");
        }
        text.append("  Kafka   ").append(kafkaBootstrap);
        if (embeddedKafka != null) {
            text.append(" (embedded, data in ")
                    .append(embeddedKafka.storageDir())
                    .append(')');
        }
        text.append("\n  Logs    ").append(config.logDir().toAbsolutePath());
        return text.toString();
    }

    /** Stops the edge and the router side by side, then the embedded broker they both use. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping Wharf");
        CompletableFuture<Void> routerStopped =
                router == null ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(router::close);
        edge.close();
        routerStopped.join();
        if (embeddedKafka != null) {
            embeddedKafka.close();
        }
        log.info("Wharf stopped");
    }
}
