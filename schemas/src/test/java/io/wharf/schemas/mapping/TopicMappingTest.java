package io.wharf.schemas.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.topic.TopicFilter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicMappingTest {

    private static final MappingRule DEVICES = rule("devices/#", "device-data", 2);
    private static final MappingRule ALERTS = rule("+/alerts/#", "alerts", 0);
    private static final TopicMapping MAPPING = new TopicMapping(List.of(DEVICES, ALERTS), "mqtt.messages");

    @Test
    void theFirstMatchingRuleTakesAMessageAndKeysItByItsLevels() {
        assertThat(MAPPING.route("devices/42/temperature")).isEqualTo(new Route("device-data", "devices/42", false));
        assertThat(MAPPING.route("devices/42/alerts/fire")).isEqualTo(new Route("device-data", "devices/42", false));
        assertThat(MAPPING.route("plant/alerts/fire")).isEqualTo(new Route("alerts", "plant/alerts/fire", true));
        assertThat(MAPPING.route("plant/status")).isEqualTo(new Route("mqtt.messages", "plant/status", true));
    }

    @Test
    void anExactSubscriptionNeedsOneKeyOfOneTopicOrTwoWhenKeyedByLevels() {
        assertThat(MAPPING.targets(TopicFilter.parse("plant/status")))
                .containsExactly(new KafkaTarget("mqtt.messages", "plant/status"));
        assertThat(MAPPING.targets(TopicFilter.parse("devices/42/temperature")))
                .containsExactly(
                        new KafkaTarget("device-data", "devices/42"),
                        new KafkaTarget("device-data", "devices/42/temperature"));
    }

    @Test
    void aWildcardWhoseFirstLevelsAreLiteralUnderAKeyedRuleNeedsOneKey() {
        assertThat(MAPPING.targets(TopicFilter.parse("devices/42/#")))
                .containsExactly(new KafkaTarget("device-data", "devices/42"));
    }

    @Test
    void anyOtherWildcardNeedsEveryTopicItCanMatch() {
        assertThat(MAPPING.targets(TopicFilter.parse("devices/+/temperature")))
                .containsExactly(new KafkaTarget("device-data", null));
        assertThat(MAPPING.targets(TopicFilter.parse("+/alerts/#")))
                .containsExactly(new KafkaTarget("device-data", null), new KafkaTarget("alerts", null));
        assertThat(MAPPING.targets(TopicFilter.parse("#")))
                .containsExactly(
                        new KafkaTarget("device-data", null),
                        new KafkaTarget("alerts", null),
                        new KafkaTarget("mqtt.messages", null));
        // "plant/alerts" matches both "plant/+" and "+/alerts/#".
        assertThat(MAPPING.targets(TopicFilter.parse("plant/+")))
                .containsExactly(new KafkaTarget("alerts", null), new KafkaTarget("mqtt.messages", null));
        assertThat(MAPPING.targets(TopicFilter.parse("plant/status/+")))
                .containsExactly(new KafkaTarget("mqtt.messages", null));
    }

    @Test
    void coversWhenEveryMatchOfOneIsAMatchOfTheOther() {
        assertThat(TopicMapping.covers(TopicFilter.parse("a/#"), TopicFilter.parse("a/+/c")))
                .isTrue();
        assertThat(TopicMapping.covers(TopicFilter.parse("a/#"), TopicFilter.parse("a")))
                .isTrue();
        assertThat(TopicMapping.covers(TopicFilter.parse("a/+"), TopicFilter.parse("a/b")))
                .isTrue();
        assertThat(TopicMapping.covers(TopicFilter.parse("a/+"), TopicFilter.parse("a/#")))
                .isFalse();
        assertThat(TopicMapping.covers(TopicFilter.parse("a/b"), TopicFilter.parse("a/+")))
                .isFalse();
    }

    private static MappingRule rule(String filter, String topic, int keyLevels) {
        return new MappingRule(TopicFilter.parse(filter), topic, 6, (short) 0, Duration.ofDays(7), keyLevels);
    }
}
