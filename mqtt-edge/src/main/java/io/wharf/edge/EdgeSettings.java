package io.wharf.edge;

import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.edge.protocol.SubscribePermission;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.TopicMapping;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything an edge needs to start.
 *
 * @param nodeId this edge's id in the cluster
 * @param bindHost the address the MQTT and HTTP ports listen on
 * @param mqttPort the MQTT port; 0 picks a free one
 * @param httpPort the health port; 0 picks a free one, -1 turns HTTP off
 * @param kafkaBootstrap Kafka's {@code bootstrap.servers}
 * @param kafkaClientOverrides Kafka client settings passed through to the edge's producer and
 *     consumer, for example security settings
 * @param drainDelay how long a draining edge still accepts connections after readiness fails,
 *     so that load balancers notice first
 * @param mappingRules which MQTT topics go to Kafka topics of their own (first match wins); the
 *     rest go to the message topic
 * @param kafkaOutageLimit how long a client's message may wait for Kafka: connected clients ride
 *     out a shorter outage, their messages acknowledged once stored; past it they are answered
 *     with an error
 */
public record EdgeSettings(
        String nodeId,
        String bindHost,
        int mqttPort,
        int httpPort,
        String kafkaBootstrap,
        Map<String, Object> kafkaClientOverrides,
        WharfTopics topics,
        ProtocolSettings protocol,
        Duration heartbeatInterval,
        Duration drainDelay,
        List<MappingRule> mappingRules,
        Duration kafkaOutageLimit) {

    public static final Duration DEFAULT_KAFKA_OUTAGE_LIMIT = Duration.ofMinutes(5);

    public EdgeSettings {
        kafkaClientOverrides = Map.copyOf(kafkaClientOverrides);
        mappingRules = List.copyOf(mappingRules);
    }

    /** Who may subscribe to what: the denied filters of the protocol settings. */
    public SubscribePermission subscribePermission() {
        return SubscribePermission.denying(protocol.deniedSubscriptions());
    }

    /** Where each MQTT topic goes in Kafka. */
    public TopicMapping mapping() {
        return new TopicMapping(mappingRules, topics.messages().name());
    }

    /** Settings for a test or a laptop: free ports on 127.0.0.1 and defaults elsewhere. */
    public static EdgeSettings forLocalKafka(String nodeId, String kafkaBootstrap, WharfTopics topics) {
        return new EdgeSettings(
                nodeId,
                "127.0.0.1",
                0,
                0,
                kafkaBootstrap,
                Map.of(),
                topics,
                ProtocolSettings.defaults(),
                Duration.ofSeconds(2),
                Duration.ZERO,
                List.of(),
                DEFAULT_KAFKA_OUTAGE_LIMIT);
    }

    public EdgeSettings withProtocol(ProtocolSettings limits) {
        return new EdgeSettings(
                nodeId,
                bindHost,
                mqttPort,
                httpPort,
                kafkaBootstrap,
                kafkaClientOverrides,
                topics,
                limits,
                heartbeatInterval,
                drainDelay,
                mappingRules,
                kafkaOutageLimit);
    }

    public EdgeSettings withPorts(int mqtt, int http) {
        return new EdgeSettings(
                nodeId,
                bindHost,
                mqtt,
                http,
                kafkaBootstrap,
                kafkaClientOverrides,
                topics,
                protocol,
                heartbeatInterval,
                drainDelay,
                mappingRules,
                kafkaOutageLimit);
    }

    public EdgeSettings withMapping(List<MappingRule> rules) {
        return new EdgeSettings(
                nodeId,
                bindHost,
                mqttPort,
                httpPort,
                kafkaBootstrap,
                kafkaClientOverrides,
                topics,
                protocol,
                heartbeatInterval,
                drainDelay,
                rules,
                kafkaOutageLimit);
    }

    public EdgeSettings withKafkaOutageLimit(Duration limit) {
        return new EdgeSettings(
                nodeId,
                bindHost,
                mqttPort,
                httpPort,
                kafkaBootstrap,
                kafkaClientOverrides,
                topics,
                protocol,
                heartbeatInterval,
                drainDelay,
                mappingRules,
                limit);
    }
}
