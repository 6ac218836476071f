package io.wharf.launcher.replay;

import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.KafkaTarget;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.TopicMapping;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A validated replay: which history to read, from where, and where to send it.
 *
 * @param until the end of the range (exclusive); empty means up to the end of the topic as it was
 *     when the replay started
 * @param qosCap the highest QoS to re-publish with; empty keeps each message's own
 * @param timeout how long to wait for Kafka or the MQTT broker to answer
 * @param kafkaProperties the user's Kafka client settings (security and the like), as the edges use
 */
record ReplayRequest(
        Instant from,
        Optional<Instant> until,
        TopicFilter filter,
        ReplayTarget target,
        String kafkaBootstrap,
        WharfTopics topics,
        List<MappingRule> mapping,
        boolean pace,
        Optional<Integer> qosCap,
        Duration timeout,
        Map<String, String> kafkaProperties) {

    private static final Pattern HOST_PORT_LIST =
            Pattern.compile("[A-Za-z0-9.\\-_\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-_\\[\\]:]+:\\d{1,5})*");
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._\\-]{0,100}");

    /** The options as typed; null for an option not given. */
    record Options(
            String from,
            String until,
            String filter,
            String to,
            String kafka,
            String topicPrefix,
            List<MappingRule> mapping,
            boolean pace,
            String qos,
            String timeoutSeconds,
            Map<String, String> kafkaProperties) {}

    /**
     * Checks every option.
     *
     * @param problems where each problem found is added, with its fix
     * @return the request, or null when a problem was found
     */
    static ReplayRequest of(Options options, List<String> problems) {
        int problemsBefore = problems.size();
        Instant from = instant("--from", options.from(), true, problems);
        Instant until = instant("--until", options.until(), false, problems);
        if (from != null && until != null && !until.isAfter(from)) {
            problems.add("--until " + until + " must be later than --from " + from);
        }
        TopicFilter filter = required(
                options.filter(),
                "--filter is missing: give the MQTT topic filter to replay, for example --filter 'sensors/#'",
                ReplayRequest::filter,
                problems);
        ReplayTarget target = required(
                options.to(),
                "--to is missing: give mqtt://host:port to re-publish, or kafka:<topic> to copy to a Kafka topic",
                ReplayTarget::parse,
                problems);
        if (!HOST_PORT_LIST.matcher(options.kafka()).matches()) {
            problems.add("--kafka '" + options.kafka()
                    + "' is not a list of host:port, like 127.0.0.1:9092 or kafka1:9092,kafka2:9092");
        }
        if (!TOPIC_PREFIX.matcher(options.topicPrefix()).matches()) {
            problems.add(
                    "--topic-prefix '" + options.topicPrefix() + "' can only hold letters, digits, '.', '_' and '-'");
        }
        Optional<Integer> qosCap = qosCap(options.qos(), target, problems);
        Duration timeout = timeout(options.timeoutSeconds(), problems);
        if (problems.size() > problemsBefore) {
            return null;
        }
        return new ReplayRequest(
                from,
                Optional.ofNullable(until),
                filter,
                target,
                options.kafka(),
                new WharfTopics(options.topicPrefix()),
                options.mapping(),
                options.pace(),
                qosCap,
                timeout,
                options.kafkaProperties());
    }

    /** The Kafka topics the topic mapping can have put messages matching the filter in. */
    List<String> kafkaTopics() {
        return new TopicMapping(mapping, topics.messages().name())
                .targets(filter).stream()
                        .map(KafkaTarget::kafkaTopic)
                        .distinct()
                        .toList();
    }

    /** Parses a required option; a missing or wrong one adds its problem and gives null. */
    private static <T> T required(String text, String whenMissing, Function<String, T> parse, List<String> problems) {
        if (text == null) {
            problems.add(whenMissing);
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static TopicFilter filter(String text) {
        try {
            return TopicFilter.parse(text);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException(
                    "--filter '" + text + "' is not a valid MQTT topic filter: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String option, String text, boolean required, List<String> problems) {
        if (text == null) {
            if (required) {
                problems.add(option
                        + " is missing: give the start of the range as an ISO-8601 instant, like 2026-01-31T08:00:00Z");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(
                    option + " '" + text
                            + "' is not an ISO-8601 instant: write a date, time and zone, like 2026-01-31T08:00:00Z or 2026-01-31T09:00:00+01:00");
            return null;
        }
    }

    private static Optional<Integer> qosCap(String text, ReplayTarget target, List<String> problems) {
        if (text == null) {
            return Optional.empty();
        }
        if (!text.matches("[012]")) {
            problems.add("--qos '" + text + "' is not a QoS: use 0, 1 or 2");
            return Optional.empty();
        }
        if (target instanceof ReplayTarget.Kafka) {
            problems.add("--qos applies to --to mqtt://...; a copy to Kafka keeps every record as it is");
        }
        return Optional.of(Integer.parseInt(text));
    }

    private static Duration timeout(String text, List<String> problems) {
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--connect-timeout '" + text + "' is not a number of seconds greater than 0");
        return Duration.ZERO;
    }

    /** The QoS to re-publish a message of {@code qos} with. */
    int qosFor(int qos) {
        return qosCap.map(cap -> Math.min(cap, qos)).orElse(qos);
    }
}
