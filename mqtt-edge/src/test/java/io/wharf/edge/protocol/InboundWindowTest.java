package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MQTT 5 section 4.9 (the edge's Receive Maximum), and how an MQTT 3.1.1 client is held back instead. */
class InboundWindowTest {

    private static final int RECEIVE_MAXIMUM = 2;

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void anMqtt5ClientGoingOverTheReceiveMaximumIsItsError() {
        InboundWindow window = InboundWindow.of(channel, MqttVersion.MQTT_5, RECEIVE_MAXIMUM);

        assertThat(window.start()).isTrue();
        assertThat(window.start()).isTrue();
        // [MQTT-3.3.4-7]: no more unacknowledged QoS 1 and 2 PUBLISHes than the Receive Maximum
        assertThat(window.start()).isFalse();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void anMqtt5QoS2MessageCountsUntilItsPubrel() {
        InboundWindow window = InboundWindow.of(channel, MqttVersion.MQTT_5, RECEIVE_MAXIMUM);
        window.start();
        window.start();

        window.qos2Stored();
        assertThat(window.start()).as("PUBREC alone frees nothing").isFalse();

        window.finish(); // the refused one
        window.qos2Released();
        assertThat(window.start()).isTrue();
    }

    @Test
    void anMqtt311ClientAtTheLimitIsNotReadFromUntilAnAcknowledgementFreesRoom() {
        InboundWindow window = InboundWindow.of(channel, MqttVersion.MQTT_3_1_1, RECEIVE_MAXIMUM);

        assertThat(window.start()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(window.start()).isTrue();
        assertThat(channel.config().isAutoRead()).isFalse();

        window.qos2Stored(); // for 3.1.1 PUBREC frees the room: its PUBREL must still be read
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
