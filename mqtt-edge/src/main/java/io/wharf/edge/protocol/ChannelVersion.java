package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/**
 * The MQTT version Netty's codec recorded on a channel when it decoded CONNECT. The codec keeps it
 * under an attribute of its own; attribute keys are shared by name.
 */
final class ChannelVersion {

    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private ChannelVersion() {}

    static MqttVersion of(Channel channel) {
        MqttVersion version = channel.attr(CODEC_VERSION).get();
        return version == null ? MqttVersion.MQTT_3_1_1 : version;
    }
}
