package io.wharf.edge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.edge.shared.SharedSubscription;
import io.wharf.schemas.topic.InvalidTopicException;
import java.nio.charset.StandardCharsets;

/**
 * The parsers of the two special subscriptions, {@code $replay/...} and {@code $share/...}: any
 * text either parses into a request that names itself as the client wrote it, or fails with the
 * {@link InvalidTopicException} their documentation promises, never another exception. Inputs are
 * the subscription's UTF-8 bytes (after {@code $replay/} for replays), so kept inputs read as text.
 */
class SubscriptionParsersFuzzTest {

    private static final String SAMPLE_PREFIX = "wharf.";

    @FuzzTest(maxDuration = "10m")
    void replayRequests(byte[] tail) {
        String text = ReplayRequest.PREFIX + new String(tail, StandardCharsets.UTF_8);
        ReplayRequest request;
        try {
            request = ReplayRequest.parse(text);
        } catch (InvalidTopicException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(request.text()).isEqualTo(text);
        assertThat(request.topicPrefix() + request.filter().text()).isEqualTo(text);
        assertThat(request.endTopic()).startsWith(ReplayRequest.PREFIX);
        if (request.isBounded()) {
            assertThat(request.to()).isAfter(request.from());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void sharedSubscriptions(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SharedSubscription subscription;
        try {
            subscription = SharedSubscription.parse(text);
        } catch (InvalidTopicException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(subscription.text()).isEqualTo(text);
        assertThat(SharedSubscription.parse(subscription.text())).isEqualTo(subscription);
        assertThat(subscription.groupId(SAMPLE_PREFIX)).startsWith(SAMPLE_PREFIX + "share." + subscription.shareName());
    }
}
