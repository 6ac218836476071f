package io.wharf.edge.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    @Test
    void aReplayWithAnEndHasBothTimesAndTheFilter() {
        ReplayRequest request = ReplayRequest.parse("$replay/2026-11-25T10:00:00Z/2026-11-25T11:00:00Z/sensors/+/temp");

        assertThat(request.from()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(request.to()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(request.filter()).isEqualTo(TopicFilter.parse("sensors/+/temp"));
        assertThat(request.isBounded()).isTrue();
        assertThat(request.topicPrefix()).isEqualTo("$replay/2026-11-25T10:00:00Z/2026-11-25T11:00:00Z/");
        assertThat(request.endTopic()).isEqualTo("$replay/2026-11-25T10:00:00Z/2026-11-25T11:00:00Z");
    }

    @Test
    void aReplayWithoutAnEndContinuesLive() {
        ReplayRequest request = ReplayRequest.parse("$replay/2026-11-25T10:00:00.250Z/#");

        assertThat(request.from()).isEqualTo(Instant.parse("2026-11-25T10:00:00.250Z"));
        assertThat(request.to()).isNull();
        assertThat(request.filter()).isEqualTo(TopicFilter.parse("#"));
    }

    @Test
    void timesWithAnOffsetAreUnderstood() {
        ReplayRequest request = ReplayRequest.parse("$replay/2026-11-25T11:00:00+01:00/a/b");

        assertThat(request.from()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(request.filter().text()).isEqualTo("a/b");
    }

    @Test
    void aFilterWhoseFirstLevelIsNoTimeIsNotTakenForTheEnd() {
        ReplayRequest request = ReplayRequest.parse("$replay/2026-11-25T10:00:00Z/building/2026/#");

        assertThat(request.to()).isNull();
        assertThat(request.filter().text()).isEqualTo("building/2026/#");
    }

    @Test
    void badReplaysSayWhatIsWrong() {
        assertThatThrownBy(() -> ReplayRequest.parse("$replay/yesterday/a"))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> ReplayRequest.parse("$replay/2026-11-25T10:00:00Z"))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> ReplayRequest.parse("$replay/2026-11-25T10:00:00Z/2026-11-25T09:00:00Z/a"))
                .isInstanceOf(InvalidTopicException.class)
                .hasMessageContaining("not after");
        assertThatThrownBy(() -> ReplayRequest.parse("$replay/2026-11-25T10:00:00Z/a/#/b"))
                .isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> ReplayRequest.parse("$replay/2026-11-25T10:00:00Z/$share/g/a"))
                .isInstanceOf(InvalidTopicException.class);
    }
}
