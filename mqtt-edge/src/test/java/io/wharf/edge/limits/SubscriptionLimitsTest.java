package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriptionLimitsTest {

    private final SubscriptionLimits limits = new SubscriptionLimits(new TopicLimits(20, 3), 2);

    @Test
    void aNewSubscriptionPastTheMaximumIsRefused() {
        assertThat(limits.refuses("a/#", true, 1)).isEmpty();
        assertThat(limits.refuses("a/#", true, 2)).contains(Limit.MAX_SUBSCRIPTIONS);
    }

    @Test
    void replacingASubscriptionAddsNone() {
        assertThat(limits.refuses("a/#", false, 2)).isEmpty();
    }

    @Test
    void aFilterTooLongOrTooDeepIsRefusedWhateverTheCount() {
        assertThat(limits.refuses("a/b/c/#", true, 0)).contains(Limit.MAX_TOPIC_LEVELS);
        assertThat(limits.refuses("x".repeat(21), false, 0)).contains(Limit.MAX_TOPIC_LENGTH);
    }
}
