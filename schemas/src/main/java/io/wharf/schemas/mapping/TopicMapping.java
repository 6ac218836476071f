package io.wharf.schemas.mapping;

import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which Kafka topic each MQTT topic goes to: the first rule whose filter matches it, else the
 * message topic. Also tells, for a subscription, which Kafka topics (and keys) can hold its
 * matches, so that an edge reads no more of Kafka than its subscriptions need.
 */
public final class TopicMapping {

    private final List<MappingRule> rules;
    private final String defaultTopic;

    public TopicMapping(List<MappingRule> rules, String defaultTopic) {
        this.rules = List.copyOf(rules);
        this.defaultTopic = defaultTopic;
    }

    /** No rules: every message goes to {@code defaultTopic}, keyed by its MQTT topic. */
    public static TopicMapping none(String defaultTopic) {
        return new TopicMapping(List.of(), defaultTopic);
    }

    public List<MappingRule> rules() {
        return rules;
    }

    public String defaultTopic() {
        return defaultTopic;
    }

    /** Every Kafka topic messages can be in: the message topic and each rule's. */
    public Set<String> kafkaTopics() {
        Set<String> topics = new LinkedHashSet<>();
        topics.add(defaultTopic);
        rules.forEach(rule -> topics.add(rule.kafkaTopic()));
        return topics;
    }

    public Route route(String mqttTopic) {
        for (MappingRule rule : rules) {
            if (rule.filter().matches(mqttTopic)) {
                String key = rule.keyFor(mqttTopic);
                return new Route(rule.kafkaTopic(), key, key.equals(mqttTopic));
            }
        }
        return new Route(defaultTopic, mqttTopic, true);
    }

    /**
     * Where the matches of a subscription can be. Rules are taken in order; one whose filter covers
     * the whole subscription takes every match, so later rules and the message topic need not be read.
     */
    public List<KafkaTarget> targets(TopicFilter subscription) {
        if (subscription.isExact()) {
            Route route = route(subscription.text());
            List<KafkaTarget> exact = new ArrayList<>(List.of(new KafkaTarget(route.kafkaTopic(), route.key())));
            if (!route.keyIsTopic()) {
                // A producer outside Wharf may have keyed the record by the whole topic.
                exact.add(new KafkaTarget(route.kafkaTopic(), subscription.text()));
            }
            return exact;
        }
        List<KafkaTarget> targets = new ArrayList<>();
        for (MappingRule rule : rules) {
            if (!rule.filter().overlaps(subscription)) {
                continue;
            }
            targets.add(new KafkaTarget(rule.kafkaTopic(), literalKey(subscription, rule)));
            if (covers(rule.filter(), subscription)) {
                return targets;
            }
        }
        targets.add(new KafkaTarget(defaultTopic, null));
        return targets;
    }

    /** The key every match of the subscription has under the rule, when its first k levels are literal. */
    private static String literalKey(TopicFilter subscription, MappingRule rule) {
        List<String> literal = subscription.literalPrefix();
        if (rule.keyLevels() == 0 || literal.size() < rule.keyLevels()) {
            return null;
        }
        return String.join("/", literal.subList(0, rule.keyLevels()));
    }

    /** Whether every topic matching {@code inner} also matches {@code outer}. */
    static boolean covers(TopicFilter outer, TopicFilter inner) {
        List<String> o = outer.levels();
        List<String> i = inner.levels();
        for (int level = 0; level < i.size(); level++) {
            if (level >= o.size()) {
                return false;
            }
            String a = o.get(level);
            String b = i.get(level);
            if (a.equals(TopicFilter.MULTI_LEVEL)) {
                return true;
            }
            if (b.equals(TopicFilter.MULTI_LEVEL)) {
                return false;
            }
            if (!(a.equals(TopicFilter.SINGLE_LEVEL) || a.equals(b))) {
                return false;
            }
        }
        return o.size() == i.size()
                || (o.size() == i.size() + 1 && o.get(i.size()).equals(TopicFilter.MULTI_LEVEL));
    }
}
