package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Receive Maximum and the publish rate each stop reading; neither resumes what the other stopped. */
class ReadPausesTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadPauses pauses = new ReadPauses(channel);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void readingGoesOnOnlyOnceEveryReasonIsGone() {
        pauses.pause(ReadPauses.Reason.PUBLISH_RATE);
        pauses.pause(ReadPauses.Reason.RECEIVE_MAXIMUM);

        pauses.resume(ReadPauses.Reason.RECEIVE_MAXIMUM);
        assertThat(channel.config().isAutoRead()).isFalse();
        pauses.resume(ReadPauses.Reason.PUBLISH_RATE);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void acknowledgementsBelowTheReceiveMaximumDoNotEndAPublishRatePause() {
        InboundWindow window = InboundWindow.of(pauses, MqttVersion.MQTT_3_1_1, 1);
        window.start(); // at the Receive Maximum: paused
        pauses.pause(ReadPauses.Reason.PUBLISH_RATE);

        window.finish();

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(pauses.isPaused(ReadPauses.Reason.RECEIVE_MAXIMUM)).isFalse();
    }

    @Test
    void resumingAReasonNeverGivenLeavesAnotherPauseAlone() {
        pauses.pause(ReadPauses.Reason.CONNECTING);

        pauses.resume(ReadPauses.Reason.PUBLISH_RATE);

        assertThat(channel.config().isAutoRead()).isFalse();
    }
}
