package io.wharf.loadtest.client;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.List;

/** The MQTT packets a load client sends, built with Netty's codec types. */
final class Packets {

    private Packets() {}

    static MqttConnectMessage connect(String clientId, ConnectSettings settings) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .clientId(clientId)
                .protocolVersion(settings.version())
                .cleanSession(settings.cleanSession())
                .keepAlive(settings.keepAliveSeconds());
        if (settings.version() == MqttVersion.MQTT_5) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 65_535));
            if (!settings.cleanSession()) {
                properties.add(new MqttProperties.IntegerProperty(
                        MqttProperties.SESSION_EXPIRY_INTERVAL, ConnectSettings.PERSISTENT_SESSION_EXPIRY_SECONDS));
            }
            connect.properties(properties);
        }
        return connect.build();
    }

    static MqttMessage subscribe(int packetId, List<String> filters, int qos) {
        MqttMessageBuilders.SubscribeBuilder subscribe =
                MqttMessageBuilders.subscribe().messageId(packetId);
        filters.forEach(filter -> subscribe.addSubscription(MqttQoS.valueOf(qos), filter));
        return subscribe.build();
    }

    static MqttPublishMessage publish(String topic, int qos, int packetId, ByteBuf payload) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId, MqttProperties.NO_PROPERTIES),
                payload);
    }

    /** DISCONNECT that ends the session now: session expiry 0 in MQTT 5, a plain one in 3.1.1. */
    static MqttMessage disconnectEndingSession(MqttVersion version) {
        if (version != MqttVersion.MQTT_5) {
            return MqttMessage.DISCONNECT;
        }
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 0));
        return MqttMessageBuilders.disconnect()
                .reasonCode((byte) 0)
                .properties(properties)
                .build();
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP with reason "success" (implied when absent in MQTT 5). */
    static MqttMessage reply(MqttMessageType type, int packetId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(
                new MqttFixedHeader(type, false, qos, false, 2), MqttMessageIdVariableHeader.from(packetId));
    }
}
