package io.wharf.edge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedSubscriptionTest {

    @Test
    void splitsIntoShareNameAndFilter() {
        SharedSubscription shared = SharedSubscription.parse("$share/workers/jobs/+/start");

        assertThat(shared.shareName()).isEqualTo("workers");
        assertThat(shared.filter()).isEqualTo(TopicFilter.parse("jobs/+/start"));
        assertThat(shared.text()).isEqualTo("$share/workers/jobs/+/start");
    }

    @Test
    void aFilterMayItselfStartWithDollarShare() {
        assertThat(SharedSubscription.parse("$share/workers/$share/x").filter().text())
                .isEqualTo("$share/x");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$share/",
                "$share/workers",
                "$share/workers/",
                "$share//jobs",
                "$share/wor+kers/jobs",
                "$share/+/jobs",
                "$share/#/jobs",
                "$share/workers/jobs/#/x"
            })
    void refusesWhatSection482DoesNotAllow(String text) {
        assertThatThrownBy(() -> SharedSubscription.parse(text)).isInstanceOf(InvalidTopicException.class);
    }

    @Test
    void theGroupIdKeepsTheShareNameReadableAndHashesTheFilter() {
        String groupId = SharedSubscription.parse("$share/workers/jobs/#").groupId("mqtt.");

        assertThat(groupId).matches("mqtt\\.share\\.workers\\.[0-9a-f]{10}");
        assertThat(SharedSubscription.parse("$share/workers/jobs/#").groupId("mqtt."))
                .as("stable")
                .isEqualTo(groupId);
        assertThat(SharedSubscription.parse("$share/workers/jobs/+").groupId("mqtt."))
                .as("another filter")
                .isNotEqualTo(groupId);
        assertThat(SharedSubscription.parse("$share/others/jobs/#").groupId("mqtt."))
                .as("another ShareName")
                .isNotEqualTo(groupId);
    }
}
