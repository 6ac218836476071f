package io.wharf.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+/b", "+/+", "/", "a//b", "$SYS/#", "a b/c"})
    void acceptsValidFilters(String filter) {
        assertThat(TopicFilter.parse(filter).text()).isEqualTo(filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a#", "#a", "a/b#", "a+", "a/+b", "++", "a\u0000b"})
    void refusesInvalidFilters(String filter) {
        assertThatThrownBy(() -> TopicFilter.parse(filter)).isInstanceOf(InvalidTopicException.class);
    }

    @Test
    void knowsWhetherItNamesOneTopic() {
        assertThat(TopicFilter.parse("a/b").isExact()).isTrue();
        assertThat(TopicFilter.parse("a/+").isExact()).isFalse();
        assertThat(TopicFilter.parse("devices/42/#").literalPrefix()).containsExactly("devices", "42");
    }

    @ParameterizedTest(name = "{0} and {1} overlap: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "a/b, a/b, true",
        "a/b, a/c, false",
        "a/+, a/b, true",
        "a/+, +/b, true",
        "a/#, a, true",
        "a/#, b/#, false",
        "#, anything/at/all, true",
        "private/#, +/x, true",
        "a/b/c, a/+, false",
        "#, $SYS/x, false",
        "+/x, $SYS/x, false",
        "$SYS/#, $SYS/broker, true",
    })
    void overlapsWhenSomeTopicMatchesBoth(String one, String other, boolean overlap) {
        assertThat(TopicFilter.parse(one).overlaps(TopicFilter.parse(other))).isEqualTo(overlap);
        assertThat(TopicFilter.parse(other).overlaps(TopicFilter.parse(one))).isEqualTo(overlap);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "sport/#, sport, true",
        "sport/+, sport/x, true",
        "sport/+, sport/x/y, false",
        "+, $SYS, false",
        "$SYS/+, $SYS/a, true",
        "a/b, a/b, true",
        "a/b, a/b/c, false",
    })
    void matchesTopicsLikeTheTrie(String filter, String topic, boolean matches) {
        assertThat(TopicFilter.parse(filter).matches(topic)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "#", "", "a\u0000"})
    void topicNamesHaveNoWildcards(String topic) {
        assertThat(TopicNames.isValidName(topic)).isFalse();
    }
}
