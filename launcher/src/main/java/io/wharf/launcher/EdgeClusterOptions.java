package io.wharf.launcher;

import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which Wharf cluster a command that goes straight to Kafka works on ({@code wharf replay},
 * {@code wharf user}, {@code wharf acl}): its Kafka, its topic prefix, and the edges' config file,
 * each a flag, else the environment, else the config file's, else the laptop default.
 */
public final class EdgeClusterOptions {

    private static final String DEFAULT_KAFKA = "127.0.0.1:9092";

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
            description = "the YAML config file of the edges (default: env WHARF_CONFIG): its kafka, topic-prefix,"
                    + " topic mapping and Kafka client settings are the defaults")
    String config;

    /**
     * The cluster these options name.
     *
     * @param mapping the edges' topic mapping, empty without a config file
     * @param kafkaProperties the Kafka client settings of the config file or the environment
     */
    public record Cluster(
            String kafka, String topicPrefix, List<MappingRule> mapping, Map<String, String> kafkaProperties) {}

    /** @throws ConfigException if the config file cannot be read */
    public Cluster resolve(Map<String, String> environment) {
        String configFile = orEnvironment(config, environment, "WHARF_CONFIG", null);
        WharfConfig edges = configFile == null ? null : ConfigResolver.fromFile(configFile, environment);
        String defaultKafka =
                edges == null ? DEFAULT_KAFKA : edges.kafka().orElse("127.0.0.1:" + edges.embeddedKafkaPort());
        return new Cluster(
                orEnvironment(kafka, environment, "WHARF_KAFKA", defaultKafka),
                orEnvironment(
                        topicPrefix,
                        environment,
                        "WHARF_TOPIC_PREFIX",
                        edges == null ? WharfTopics.DEFAULT_PREFIX : edges.topicPrefix()),
                edges == null ? List.of() : edges.mapping(),
                edges == null ? ConfigResolver.kafkaPropertiesOf(environment) : edges.kafkaProperties());
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
