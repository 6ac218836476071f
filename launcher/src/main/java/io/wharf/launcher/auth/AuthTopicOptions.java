package io.wharf.launcher.auth;

import io.wharf.edge.kafka.auth.AuthTopicClient;
import io.wharf.launcher.ConfigResolver;
import io.wharf.launcher.WharfConfig;
import io.wharf.schemas.WharfTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which Kafka cluster holds the auth topic, for {@code wharf user} and {@code wharf acl}. */
final class AuthTopicOptions {

    private static final String DEFAULT_KAFKA = "127.0.0.1:9092";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Option(
            names = "--kafka",
            paramLabel = "<host:port>",
            description = "bootstrap servers of the edges' Kafka cluster (default: env WHARF_KAFKA, else the config"
                    + " file's, else " + DEFAULT_KAFKA + ", the embedded broker of ./wharf)")
    String kafka;

    @Option(
            names = "--topic-prefix",
            paramLabel = "<prefix>",
            description = "prefix of Wharf's Kafka topics (default: env WHARF_TOPIC_PREFIX, else the config file's,"
                    + " else " + WharfTopics.DEFAULT_PREFIX + ")")
    String topicPrefix;

    @Option(
            names = "--config",
            paramLabel = "<file>",
            description = "the YAML config file of the edges (default: env WHARF_CONFIG): its kafka, topic-prefix"
                    + " and Kafka client settings are the defaults")
    String config;

    /** @throws io.wharf.edge.kafka.auth.AuthTopicException if Kafka cannot be reached */
    AuthTopicClient connect(Map<String, String> environment) {
        String configFile = orEnvironment(config, environment, "WHARF_CONFIG", null);
        WharfConfig edges = configFile == null ? null : ConfigResolver.fromFile(configFile, environment);
        String defaultKafka =
                edges == null ? DEFAULT_KAFKA : edges.kafka().orElse("127.0.0.1:" + edges.embeddedKafkaPort());
        String bootstrap = orEnvironment(kafka, environment, "WHARF_KAFKA", defaultKafka);
        String prefix = orEnvironment(
                topicPrefix,
                environment,
                "WHARF_TOPIC_PREFIX",
                edges == null ? WharfTopics.DEFAULT_PREFIX : edges.topicPrefix());
        Map<String, Object> properties =
                new HashMap<>(edges == null ? ConfigResolver.kafkaPropertiesOf(environment) : edges.kafkaProperties());
        return AuthTopicClient.connect(bootstrap, properties, new WharfTopics(prefix).auth(), TIMEOUT);
    }

    private static String orEnvironment(
            String flag, Map<String, String> environment, String variable, String fallback) {
        if (flag != null) {
            return flag;
        }
        String value = environment.get(variable);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
