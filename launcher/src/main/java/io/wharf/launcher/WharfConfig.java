package io.wharf.launcher;

import io.wharf.edge.auth.acl.AccessSettings;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.mapping.MappingRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved, validated configuration of one Wharf process.
 *
 * @param kafka the external cluster's bootstrap servers; empty means start the embedded broker
 * @param mapping topic mapping rules from the config file, in the order they are tried
 * @param kafkaOutageLimit how long a client's message may wait for Kafka before it is answered
 *     with an error
 * @param kafkaProperties the user's settings for every Kafka client (security and the like);
 *     never one that Wharf's guarantees rest on
 * @param mqttPort the plain TCP MQTT port; -1 means off
 * @param listeners the MQTT listeners of {@code listeners:}, besides the plain one
 * @param authentication who may connect, and whether anonymous clients do
 * @param access the access rules of {@code acl-file} and what becomes of a refused PUBLISH
 * @param logFormat how log lines are written
 * @param admin who may use the admin API and the dashboard
 * @param analytics the topic filters and window the router counts messages by
 * @param runsRouter whether this process runs the router's Kafka Streams applications
 */
public record WharfConfig(
        String bindHost,
        int mqttPort,
        int httpPort,
        Path dataDir,
        Optional<String> kafka,
        int embeddedKafkaPort,
        String nodeId,
        String topicPrefix,
        ProtocolSettings protocol,
        Duration drainDelay,
        List<MappingRule> mapping,
        Duration kafkaOutageLimit,
        Map<String, String> kafkaProperties,
        List<ListenerSettings> listeners,
        AuthenticationConfig authentication,
        AccessSettings access,
        LogFormat logFormat,
        AdminAccessConfig admin,
        AnalyticsSettings analytics,
        boolean runsRouter) {

    public WharfConfig {
        mapping = List.copyOf(mapping);
        kafkaProperties = Map.copyOf(kafkaProperties);
        listeners = List.copyOf(listeners);
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path embeddedKafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path routerStateDir() {
        return dataDir.resolve("router");
    }
}
