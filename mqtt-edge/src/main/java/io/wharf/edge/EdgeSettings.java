package io.wharf.edge;

import io.wharf.edge.admin.AdminAccess;
import io.wharf.edge.auth.AuthSettings;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.AccessSettings;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.TopicMapping;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an edge needs to start.
 *
 * @param nodeId this edge's id in the cluster
 * @param bindHost the address the MQTT and HTTP ports listen on
 * @param mqttPort the plain TCP MQTT port; 0 picks a free one, -1 turns it off
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
 * @param listeners MQTT listeners besides the plain TCP one of {@code mqttPort} (TLS, WebSocket,
 *     behind a load balancer...)
 * @param auth who may connect (everyone unless set) and how refusals are slowed down
 * @param access the access rules at start (none: everything is allowed), and what becomes of a
 *     refused PUBLISH the client cannot be told of
 * @param adminAccess who may use the admin API ({@code /api/}, {@code /admin/}); everyone unless set
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
        Duration kafkaOutageLimit,
        List<ListenerSettings> listeners,
        AuthSettings auth,
        AccessSettings access,
        AdminAccess adminAccess) {

    public static final Duration DEFAULT_KAFKA_OUTAGE_LIMIT = Duration.ofMinutes(5);

    public EdgeSettings {
        kafkaClientOverrides = Map.copyOf(kafkaClientOverrides);
        mappingRules = List.copyOf(mappingRules);
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(adminAccess, "adminAccess");
    }

    /** Every MQTT listener: the plain one of {@code mqttPort} first (unless it is off), then the others. */
    public List<ListenerSettings> allListeners() {
        List<ListenerSettings> all = new ArrayList<>();
        if (mqttPort >= 0) {
            all.add(ListenerSettings.tcp(bindHost, mqttPort));
        }
        all.addAll(listeners);
        return all;
    }

    /** The access rules at start: those of {@code access}, and no subscription into the denied filters. */
    public AccessRules accessRules() {
        return access.rules().denyingSubscriptions(protocol.deniedSubscriptions());
    }

    /** Where each MQTT topic goes in Kafka. */
    public TopicMapping mapping() {
        return new TopicMapping(mappingRules, topics.messages().name());
    }

    /** Settings for a test or a laptop: free ports on 127.0.0.1 and defaults elsewhere. */
    public static EdgeSettings forLocalKafka(String nodeId, String kafkaBootstrap, WharfTopics topics) {
        return builder(nodeId, kafkaBootstrap, topics).build();
    }

    /**
     * Settings to fill in, starting from the defaults of {@link #forLocalKafka}: free ports on
     * 127.0.0.1, no Kafka client overrides, the default protocol limits, heartbeats every 2 s, no
     * drain delay, no topic mapping, the default Kafka outage limit and no access rules.
     */
    public static Builder builder(String nodeId, String kafkaBootstrap, WharfTopics topics) {
        return new Builder(nodeId, kafkaBootstrap, topics);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(nodeId, kafkaBootstrap, topics)
                .bindHost(bindHost)
                .ports(mqttPort, httpPort)
                .kafkaClientOverrides(kafkaClientOverrides)
                .protocol(protocol)
                .heartbeatInterval(heartbeatInterval)
                .drainDelay(drainDelay)
                .mapping(mappingRules)
                .kafkaOutageLimit(kafkaOutageLimit)
                .listeners(listeners)
                .auth(auth)
                .access(access)
                .adminAccess(adminAccess);
    }

    public EdgeSettings withProtocol(ProtocolSettings limits) {
        return toBuilder().protocol(limits).build();
    }

    public EdgeSettings withPorts(int mqtt, int http) {
        return toBuilder().ports(mqtt, http).build();
    }

    public EdgeSettings withMapping(List<MappingRule> rules) {
        return toBuilder().mapping(rules).build();
    }

    public EdgeSettings withKafkaOutageLimit(Duration limit) {
        return toBuilder().kafkaOutageLimit(limit).build();
    }

    /** Fills in {@link EdgeSettings} by name; see the record's parameters for what each means. */
    public static final class Builder {
        private final String nodeId;
        private final String kafkaBootstrap;
        private final WharfTopics topics;
        private String bindHost = "127.0.0.1";
        private int mqttPort;
        private int httpPort;
        private Map<String, Object> kafkaClientOverrides = Map.of();
        private ProtocolSettings protocol = ProtocolSettings.defaults();
        private Duration heartbeatInterval = Duration.ofSeconds(2);
        private Duration drainDelay = Duration.ZERO;
        private List<MappingRule> mappingRules = List.of();
        private Duration kafkaOutageLimit = DEFAULT_KAFKA_OUTAGE_LIMIT;
        private List<ListenerSettings> listeners = List.of();
        private AuthSettings auth = AuthSettings.acceptingEveryone();
        private AccessSettings access = AccessSettings.open();
        private AdminAccess adminAccess = AdminAccess.OPEN;

        private Builder(String nodeId, String kafkaBootstrap, WharfTopics topics) {
            this.nodeId = nodeId;
            this.kafkaBootstrap = kafkaBootstrap;
            this.topics = topics;
        }

        public Builder bindHost(String host) {
            this.bindHost = host;
            return this;
        }

        public Builder ports(int mqtt, int http) {
            this.mqttPort = mqtt;
            this.httpPort = http;
            return this;
        }

        public Builder kafkaClientOverrides(Map<String, Object> overrides) {
            this.kafkaClientOverrides = overrides;
            return this;
        }

        public Builder protocol(ProtocolSettings settings) {
            this.protocol = settings;
            return this;
        }

        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        public Builder drainDelay(Duration delay) {
            this.drainDelay = delay;
            return this;
        }

        public Builder mapping(List<MappingRule> rules) {
            this.mappingRules = rules;
            return this;
        }

        public Builder kafkaOutageLimit(Duration limit) {
            this.kafkaOutageLimit = limit;
            return this;
        }

        public Builder listeners(List<ListenerSettings> more) {
            this.listeners = more;
            return this;
        }

        public Builder auth(AuthSettings value) {
            this.auth = value;
            return this;
        }

        public Builder access(AccessSettings settings) {
            this.access = settings;
            return this;
        }

        public Builder adminAccess(AdminAccess value) {
            this.adminAccess = value;
            return this;
        }

        public EdgeSettings build() {
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
                    kafkaOutageLimit,
                    listeners,
                    auth,
                    access,
                    adminAccess);
        }
    }
}
