package io.wharf.edge.auth.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.topic.TopicFilter;
import org.junit.jupiter.api.Test;

class FiltersTest {

    @Test
    void aFilterCoversWhatMatchesOnlyTopicsItMatchesToo() {
        assertThat(covers("#", "a/b")).isTrue();
        assertThat(covers("a/#", "a")).isTrue();
        assertThat(covers("a/#", "a/+/c")).isTrue();
        assertThat(covers("a/+", "a/b")).isTrue();
        assertThat(covers("a/+", "a/#")).isFalse();
        assertThat(covers("a/b", "a/+")).isFalse();
        assertThat(covers("a/b/#", "a/#")).isFalse();
        assertThat(covers("+/b", "x/b/c")).isFalse();
    }

    @Test
    void aWildcardFirstLevelCoversNoDollarTopic() {
        // MQTT 5 section 4.7.2: filters starting with a wildcard match no topic starting with '$'
        assertThat(covers("#", "$SYS/broker")).isFalse();
        assertThat(covers("+/broker", "$SYS/broker")).isFalse();
        assertThat(covers("$SYS/#", "$SYS/broker")).isTrue();
    }

    @Test
    void theIntersectionOfTwoFiltersIsTheFilterOfTheTopicsBothMatch() {
        assertThat(intersection("sensors/#", "sensors/a/#")).isEqualTo("sensors/a/#");
        assertThat(intersection("a/+", "+/b")).isEqualTo("a/b");
        assertThat(intersection("a/#", "+/b/#")).isEqualTo("a/b/#");
        assertThat(intersection("a", "a/#")).isEqualTo("a");
        assertThat(Filters.intersection(TopicFilter.parse("a/b"), TopicFilter.parse("a/c")))
                .isEmpty();
        assertThat(Filters.intersection(TopicFilter.parse("#"), TopicFilter.parse("$SYS/x")))
                .isEmpty();
    }

    private static boolean covers(String outer, String inner) {
        return Filters.covers(TopicFilter.parse(outer), TopicFilter.parse(inner));
    }

    private static String intersection(String a, String b) {
        return Filters.intersection(TopicFilter.parse(a), TopicFilter.parse(b))
                .orElseThrow()
                .text();
    }
}
