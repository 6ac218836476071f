package io.wharf.edge.kafka;

import io.wharf.edge.kafka.typed.TypedTopics;
import io.wharf.schemas.CleanupPolicy;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure Wharf's topics exist with the cleanup policy each needs: creates the missing ones, and
 * refuses to go on (naming the topic and the fix) when one exists with the wrong policy.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final long METADATA_RETRY_MS = 100;

    private final Admin admin;
    private final String bootstrap;
    private final Duration timeout;

    private TopicProvisioner(Admin admin, String bootstrap, Duration timeout) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /**
     * Creates what is missing and checks what exists, with an admin client of its own.
     *
     * @param clientOverrides Kafka client settings, for example security settings
     * @param timeout how long to wait for Kafka before calling it unreachable
     * @throws TopicProvisioningException with the reason and the fix
     */
    public static void ensure(
            String bootstrap,
            Map<String, Object> clientOverrides,
            WharfTopics topics,
            TopicLayout layout,
            Duration timeout) {
        ensure(bootstrap, clientOverrides, topics, layout, List.of(), timeout);
    }

    /**
     * Also creates the Kafka topics of the mapping rules that are missing, and refuses to go on when
     * one exists with settings a rule cannot live with (another partition count, compaction).
     */
    public static void ensure(
            String bootstrap,
            Map<String, Object> clientOverrides,
            WharfTopics topics,
            TopicLayout layout,
            List<MappingRule> rules,
            Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientOverrides);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        Admin admin = Admin.create(config);
        try {
            TopicProvisioner provisioner = new TopicProvisioner(admin, bootstrap, timeout);
            provisioner.ensure(topics, layout);
            provisioner.ensureMapped(rules);
            provisioner.ensureDeadLetters(rules, topics, layout);
        } finally {
            // Do not wait for calls still pending against an unreachable cluster.
            admin.close(Duration.ofSeconds(1));
        }
    }

    public static void ensure(String bootstrap, WharfTopics topics, TopicLayout layout) {
        ensure(bootstrap, Map.of(), topics, layout, DEFAULT_TIMEOUT);
    }

    private void ensure(WharfTopics topics, TopicLayout layout) {
        int brokers = call(() -> admin.describeCluster()
                .nodes()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .size());
        short replication = layout.replicationFactor() > 0 ? layout.replicationFactor() : (short) Math.min(3, brokers);
        Set<String> existing = call(() -> admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        List<NewTopic> missing = new ArrayList<>();
        List<WharfTopic<?, ?>> present = new ArrayList<>();
        for (WharfTopic<?, ?> topic : topics.all()) {
            if (existing.contains(topic.name())) {
                present.add(topic);
            } else {
                missing.add(newTopic(topic, topics, layout, replication));
            }
        }
        Set<String> existedMeanwhile = create(missing);
        topics.all().stream()
                .filter(topic -> existedMeanwhile.contains(topic.name()))
                .forEach(present::add);
        checkCleanupPolicies(present);
    }

    private void ensureMapped(List<MappingRule> rules) {
        if (rules.isEmpty()) {
            return;
        }
        int brokers = call(() -> admin.describeCluster()
                .nodes()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .size());
        Set<String> existing = call(() -> admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        Map<String, MappingRule> firstRuleOfTopic = new LinkedHashMap<>();
        rules.forEach(rule -> firstRuleOfTopic.putIfAbsent(rule.kafkaTopic(), rule));
        List<NewTopic> missing = new ArrayList<>();
        for (MappingRule rule : firstRuleOfTopic.values()) {
            if (!existing.contains(rule.kafkaTopic())) {
                short replication =
                        rule.replicationFactor() > 0 ? rule.replicationFactor() : (short) Math.min(3, brokers);
                Map<String, String> config = new HashMap<>();
                config.put(TopicConfig.CLEANUP_POLICY_CONFIG, CleanupPolicy.DELETE.configValue());
                config.put(
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(rule.retention().toMillis()));
                if (replication > 1) {
                    config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
                }
                missing.add(new NewTopic(rule.kafkaTopic(), rule.partitions(), replication).configs(config));
            }
        }
        Set<String> existedMeanwhile = create(missing);
        checkMapped(
                rules,
                firstRuleOfTopic.values().stream()
                        .filter(rule ->
                                existing.contains(rule.kafkaTopic()) || existedMeanwhile.contains(rule.kafkaTopic()))
                        .toList());
    }

    /**
     * The dead-letter topic, when a rule sends payloads that do not fit its schema there: kept as
     * long as messages are.
     */
    private void ensureDeadLetters(List<MappingRule> rules, WharfTopics topics, TopicLayout layout) {
        if (rules.stream()
                .noneMatch(rule -> rule.payload().invalid() == PayloadRule.Invalid.DEAD_LETTER
                        && rule.payload().typed())) {
            return;
        }
        String name = topics.prefix() + TypedTopics.DEAD_LETTER;
        Set<String> existing = call(() -> admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        if (existing.contains(name)) {
            return;
        }
        int brokers = call(() -> admin.describeCluster()
                .nodes()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .size());
        short replication = layout.replicationFactor() > 0 ? layout.replicationFactor() : (short) Math.min(3, brokers);
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG, CleanupPolicy.DELETE.configValue());
        config.put(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(layout.messageRetention().toMillis()));
        create(List.of(new NewTopic(name, 1, replication).configs(config)));
    }

    /** An existing topic of a rule must keep records (delete, not compact) and have the rule's partitions. */
    private void checkMapped(List<MappingRule> all, List<MappingRule> present) {
        if (present.isEmpty()) {
            return;
        }
        List<String> names = present.stream().map(MappingRule::kafkaTopic).toList();
        Map<String, TopicDescription> descriptions = call(() -> whileTopicsAppear(
                () -> admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = call(() -> describeConfigs(resources));
        List<String> problems = new ArrayList<>();
        for (MappingRule rule : present) {
            int partitions = descriptions.get(rule.kafkaTopic()).partitions().size();
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, rule.kafkaTopic()))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                    .value();
            String which = "mapping rule " + (all.indexOf(rule) + 1) + " ("
                    + rule.filter().text() + " -> " + rule.kafkaTopic() + ")";
            if (partitions != rule.partitions()) {
                problems.add(
                        which + " says " + rule.partitions() + " partitions but the topic exists with " + partitions
                                + " (records would land in other partitions than subscriptions read: set partitions: "
                                + partitions + " in the rule)");
            }
            if (!policyMatches(policy, CleanupPolicy.DELETE)) {
                problems.add(which + " needs cleanup.policy=delete but the topic has " + policy
                        + " (use a topic of its own for the rule)");
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicProvisioningException(
                    "Topic mapping does not fit the existing topics: " + String.join("; ", problems), null);
        }
    }

    /** Creates topics; returns the names of those that turned out to exist already (another edge was quicker). */
    private Set<String> create(List<NewTopic> missing) {
        Set<String> existedMeanwhile = new java.util.HashSet<>();
        if (missing.isEmpty()) {
            return existedMeanwhile;
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created Kafka topic {}", result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicProvisioningException(
                            "Cannot create topic " + result.getKey() + " on " + bootstrap + ": "
                                    + e.getCause().getMessage(),
                            e);
                }
                existedMeanwhile.add(result.getKey());
            } catch (TimeoutException e) {
                throw unreachable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicProvisioningException("Interrupted while creating topics", e);
            }
        }
        return existedMeanwhile;
    }

    private NewTopic newTopic(WharfTopic<?, ?> topic, WharfTopics topics, TopicLayout layout, short replication) {
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().configValue());
        int partitions;
        if (topic.name().equals(topics.messages().name())) {
            partitions = layout.messagePartitions();
            config.put(
                    TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(layout.messageRetention().toMillis()));
            config.putAll(layout.extraMessageTopicConfig());
        } else if (topic.name().equals(topics.cluster().name())) {
            partitions = 1;
            config.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(TimeUnit.HOURS.toMillis(1)));
        } else if (topic.name().equals(topics.auth().name())) {
            partitions = 1; // every edge reads all of it, in the order it was written
        } else {
            partitions = layout.statePartitions();
        }
        if (replication > 1) {
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return new NewTopic(topic.name(), partitions, replication).configs(config);
    }

    private void checkCleanupPolicies(List<WharfTopic<?, ?>> present) {
        if (present.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = present.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                .toList();
        Map<ConfigResource, Config> configs = call(() -> describeConfigs(resources));
        List<String> problems = new ArrayList<>();
        for (WharfTopic<?, ?> topic : present) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            String actual = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!policyMatches(actual, topic.cleanupPolicy())) {
                problems.add("topic "
                        + topic.name()
                        + " has cleanup.policy="
                        + actual
                        + " but Wharf needs "
                        + topic.cleanupPolicy().configValue()
                        + " (fix: kafka-configs.sh --bootstrap-server "
                        + bootstrap
                        + " --alter --entity-type topics --entity-name "
                        + topic.name()
                        + " --add-config cleanup.policy="
                        + topic.cleanupPolicy().configValue()
                        + ", or use another topic prefix)");
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicProvisioningException(
                    "Wharf's topics are set up wrongly: " + String.join("; ", problems), null);
        }
    }

    /**
     * The topics' configs. A topic created a moment ago (by another edge or an operator) can be
     * listed before every broker knows it, so "unknown topic" is asked again until the timeout.
     */
    private Map<ConfigResource, Config> describeConfigs(List<ConfigResource> resources)
            throws InterruptedException, ExecutionException, TimeoutException {
        return whileTopicsAppear(
                () -> admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Asks again while a topic created a moment ago is not yet known to the broker that answers. */
    private <T> T whileTopicsAppear(KafkaCall<T> call)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(METADATA_RETRY_MS);
            }
        }
    }

    private static boolean policyMatches(String actual, CleanupPolicy needed) {
        List<String> policies = List.of(actual.replace(" ", "").split(","));
        return needed == CleanupPolicy.COMPACT
                ? policies.contains("compact") && !policies.contains("delete")
                : policies.contains("delete");
    }

    private <T> T call(KafkaCall<T> call) {
        try {
            return call.get();
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(e); // the admin client's own timeout can end the call first
            }
            throw new TopicProvisioningException(
                    "Kafka at " + bootstrap + " refused: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("Interrupted while talking to Kafka", e);
        }
    }

    private TopicProvisioningException unreachable(Exception e) {
        return new TopicProvisioningException(
                "Kafka at "
                        + bootstrap
                        + " did not answer within "
                        + timeout.toSeconds()
                        + " s. Check that the address is right and the brokers run (or leave out --kafka to use the embedded broker).",
                e);
    }

    @FunctionalInterface
    private interface KafkaCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }
}
