package io.wharf.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class ProbeTest {

    @Test
    void aPayloadHasTheAskedSizeAndCarriesItsSendTime() {
        ByteBuf payload = Probe.payload(100, 123_456_789_012L);
        try {
            assertThat(payload.readableBytes()).isEqualTo(100);
            assertThat(Probe.sentNanos(payload)).isEqualTo(123_456_789_012L);
        } finally {
            payload.release();
        }
    }

    @Test
    void bytesForKafkaReadBackLikeAnMqttPayload() {
        byte[] bytes = Probe.bytes(64, 987_654_321L);

        assertThat(bytes).hasSize(64);
        assertThat(Probe.sentNanos(Unpooled.wrappedBuffer(bytes))).isEqualTo(987_654_321L);
    }

    @Test
    void aPayloadTooSmallForAStampIsEnlargedAndAForeignOneReadsAsUnstamped() {
        assertThat(Probe.bytes(3, 1)).hasSize(Probe.MIN_SIZE);
        assertThat(Probe.sentNanos(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})))
                .isEqualTo(-1);
    }
}
