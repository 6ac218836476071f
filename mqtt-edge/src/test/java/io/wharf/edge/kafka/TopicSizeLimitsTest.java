package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSizeLimitsTest {

    @Test
    void theSmallestTopicLimitLessTheRecordOverheadBoundsThePacketSize() {
        TopicSizeLimits limits = new TopicSizeLimits(Map.of("messages", 1_048_588, "telemetry", 4096), 1_048_576);

        assertThat(limits.maxPacketSize(1_048_576)).isEqualTo(4096 - TopicSizeLimits.RECORD_OVERHEAD);
        assertThat(limits.bindingLimit()).contains("telemetry").contains("4096");
    }

    @Test
    void aConfiguredSizeBelowEveryLimitStays() {
        TopicSizeLimits limits = new TopicSizeLimits(Map.of("messages", 1_048_588), 1_048_576);

        assertThat(limits.maxPacketSize(2048)).isEqualTo(2048);
    }

    @Test
    void theProducersRequestSizeBindsWhenTheTopicsTakeMore() {
        TopicSizeLimits limits = new TopicSizeLimits(Map.of("messages", 8_000_000), 1_048_576);

        assertThat(limits.maxPacketSize(4_000_000)).isEqualTo(1_048_576 - TopicSizeLimits.RECORD_OVERHEAD);
        assertThat(limits.bindingLimit()).contains("max.request.size");
    }

    @Test
    void anUnknownTopicHasNoLimitToName() {
        assertThat(TopicSizeLimits.UNKNOWN.limitOf("messages")).isEqualTo(-1);
    }

    @Test
    void aTopicOfSmallRecordsKeepsThreeQuartersOfItsLimitForPackets() {
        TopicSizeLimits limits = new TopicSizeLimits(Map.of("small", 1000), TopicSizeLimits.DEFAULT_MAX_REQUEST_SIZE);

        assertThat(limits.maxPacketSize(1_048_576)).isEqualTo(750);
    }
}
