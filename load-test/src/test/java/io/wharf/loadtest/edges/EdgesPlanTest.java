package io.wharf.loadtest.edges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdgesPlanTest {

    @Test
    void clientsGoToTheEdgesRoundRobinAndEachEdgesShareCoversEveryClientOnce() {
        EdgesPlan plan = EdgesPlan.of(10, 1, 0, 10, 100, 2000, 3);

        assertThat(plan.edgeOf(0)).isZero();
        assertThat(plan.edgeOf(4)).isEqualTo(1);
        assertThat(plan.edgeOf(8)).isEqualTo(2);
        assertThat(plan.indexesOn(10, 0)).containsExactly(0, 3, 6, 9);
        assertThat(plan.indexesOn(10, 1)).containsExactly(1, 4, 7);
        assertThat(plan.indexesOn(10, 2)).containsExactly(2, 5, 8);
        List<Integer> all = new ArrayList<>();
        for (int edge = 0; edge < 3; edge++) {
            all.addAll(plan.indexesOn(2001, edge));
        }
        assertThat(all).hasSize(2001).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 2001);
    }

    @Test
    void theWildcardSubscribersAreOnePerEdgeUnlessCounted() {
        assertThat(EdgesPlan.of(2000, 1, 0, 10, 100, 2000, 3).wildcardSubscribers())
                .isEqualTo(3);
        assertThat(EdgesPlan.of(2000, 1, 5, 10, 100, 2000, 3).wildcardSubscribers())
                .isEqualTo(5);
    }

    @Test
    void theFanOutPublishersTogetherOfferWhatTheDevicesOffer() {
        EdgesPlan plan = EdgesPlan.of(2000, 1, 0, 10, 100, 2000, 2);

        assertThat(plan.offeredPerSecond()).isEqualTo(2000.0);
        assertThat(plan.publisherRate()).isEqualTo(200.0);
        assertThat(plan.publisherRate() * plan.publishers()).isEqualTo(plan.devices() * plan.deviceRate());
        EdgesPlan odd = EdgesPlan.of(100, 0.5, 0, 3, 10, 100, 1);
        assertThat(odd.publisherRate() * 3).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void subscriberJTakesTopicJModKAndTheTopicsSubscriberCountsAddUp() {
        EdgesPlan plan = EdgesPlan.of(10, 1, 0, 2, 7, 100, 3);

        assertThat(plan.topicOfSubscriber(0)).isZero();
        assertThat(plan.topicOfSubscriber(7)).isZero();
        assertThat(plan.topicOfSubscriber(13)).isEqualTo(6);
        int total = 0;
        for (int t = 0; t < 7; t++) {
            int counted = 0;
            for (int j = 0; j < 100; j++) {
                if (plan.topicOfSubscriber(j) == t) {
                    counted++;
                }
            }
            assertThat(plan.subscribersOf(t)).isEqualTo(counted);
            total += plan.subscribersOf(t);
        }
        assertThat(total).isEqualTo(100);
    }

    @Test
    void eachPublisherWalksEveryTopicInTurn() {
        EdgesPlan plan = EdgesPlan.of(10, 1, 0, 3, 4, 8, 1);

        assertThat(List.of(0L, 1L, 2L, 3L, 4L).stream()
                        .map(n -> plan.topicOfMessage(1, n))
                        .toList())
                .containsExactly(1, 2, 3, 0, 1);
    }

    @Test
    void theDeliveriesOwedFollowWhatWentToEachTopic() {
        EdgesPlan plan = EdgesPlan.of(10, 1, 4, 2, 3, 7, 2);

        // Topic 0 has subscribers 0, 3, 6; topic 1 has 1, 4; topic 2 has 2, 5.
        assertThat(plan.fanOutExpected(new long[] {10, 1, 0})).isEqualTo(10 * 3 + 2);
        assertThat(plan.fanInExpected(25)).isEqualTo(100);
    }

    @Test
    void everyBadFigureIsReportedAtOnce() {
        assertThat(EdgesPlan.problems(0, 0, -1, 10, 100, 2000)).hasSize(3);
        assertThat(EdgesPlan.problems(2000, 1, 0, 10, 100, 2000)).isEmpty();
    }

    @Test
    void theFanInTopicsAreTheDevicesOwnAndTheWildcardMatchesThem() {
        assertThat(EdgesPlan.deviceTopic("run", 42)).isEqualTo("run/t/42/data");
        assertThat(EdgesPlan.wildcardFilter("run")).isEqualTo("run/t/+/data");
        assertThat(EdgesPlan.fanOutTopic("run", 7)).isEqualTo("run/k/7");
    }
}
