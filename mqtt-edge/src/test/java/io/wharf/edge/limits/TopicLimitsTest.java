package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicLimitsTest {

    private final TopicLimits limits = new TopicLimits(10, 3);

    @Test
    void aTopicWithinBothLimitsPasses() {
        assertThat(limits.exceededBy("a/b/c")).isEmpty();
        assertThat(limits.exceededBy("0123456789")).isEmpty();
    }

    @Test
    void lengthCountsUtf8Bytes() {
        assertThat(limits.exceededBy("01234567890")).contains(Limit.MAX_TOPIC_LENGTH);
        assertThat(limits.exceededBy("ééééé")).as("10 bytes").isEmpty();
        assertThat(limits.exceededBy("éééééé")).as("12 bytes in 6 characters").contains(Limit.MAX_TOPIC_LENGTH);
    }

    @Test
    void levelsAreCountedBetweenSlashes() {
        assertThat(limits.exceededBy("a/b/c/d")).contains(Limit.MAX_TOPIC_LEVELS);
        assertThat(limits.exceededBy("//")).as("three empty levels").isEmpty();
        assertThat(limits.exceededBy("///")).contains(Limit.MAX_TOPIC_LEVELS);
    }

    @Test
    void theDefaultsAllowLongTopics() {
        TopicLimits defaults = LimitSettings.defaults().topics();

        assertThat(defaults.exceededBy("a/".repeat(63) + "b")).isEmpty();
        assertThat(defaults.exceededBy("a/".repeat(64) + "b")).contains(Limit.MAX_TOPIC_LEVELS);
        assertThat(defaults.exceededBy("x".repeat(4097))).contains(Limit.MAX_TOPIC_LENGTH);
    }
}
