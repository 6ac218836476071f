package io.wharf.edge.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;

/**
 * Well-formed-ish packets a client may send, each drawn from a {@link FuzzedDataProvider}: real
 * packet types with fields from small pools that hold the interesting cases (shared, replay and
 * invalid filters, the refused user, wills, MQTT 5 properties the edge checks), so that the fuzzer
 * spends its time on the edge's decisions rather than on getting through the decoder.
 */
final class ClientPackets {

    private static final String[] CLIENT_IDS = {"fuzz", "other", "", "a-client-id-of-some-length-0123456789"};
    private static final String[] USER_NAMES = {"user", InMemoryEdge.REFUSED_USER, ""};
    private static final String[] TOPICS = {"a/b", "a", "$SYS/x", "", "a/+", "#", "$share/g/a", "a//b", "\u00e9/\u0000"
    };
    private static final String[] FILTERS = {
        "a/b",
        "a/+",
        "#",
        "+/b",
        "a/#/b",
        "",
        "$share/g/a/#",
        "$share//a",
        "$share/g",
        "$share/g+/a",
        "$replay/2026-11-25T10:00:00Z/a/#",
        "$replay/2026-11-25T10:00:00Z/2026-11-25T11:00:00Z/a",
        "$replay/not-a-time/a",
        "$replay/2026-11-25T10:00:00Z/$share/g/a",
        "$SYS/#"
    };
    private static final int[] PACKET_IDS = {1, 2, 3, 65535};

    private ClientPackets() {}

    static MqttVersion version(FuzzedDataProvider data) {
        return data.pickValue(new MqttVersion[] {MqttVersion.MQTT_3_1, MqttVersion.MQTT_3_1_1, MqttVersion.MQTT_5});
    }

    static MqttMessage connect(FuzzedDataProvider data, MqttVersion version) {
        boolean mqtt5 = version == MqttVersion.MQTT_5;
        String clientId = data.pickValue(CLIENT_IDS);
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(version)
                .clientId(version == MqttVersion.MQTT_3_1 && !fitsMqtt31(clientId) ? "v31" : clientId)
                .cleanSession(data.consumeBoolean())
                .keepAlive(data.pickValue(new int[] {0, 1, 30, 65535}));
        if (data.consumeBoolean()) {
            connect.username(data.pickValue(USER_NAMES));
            if (data.consumeBoolean()) {
                connect.password(data.consumeBytes(8));
            }
        }
        if (data.consumeBoolean()) {
            connect.willFlag(true)
                    .willTopic(data.pickValue(TOPICS))
                    .willMessage(data.consumeBytes(8))
                    .willQoS(qos(data))
                    .willRetain(data.consumeBoolean());
            if (mqtt5) {
                connect.willProperties(properties(data, false));
            }
        }
        if (mqtt5) {
            connect.properties(properties(data, true));
        }
        return connect.build();
    }

    /** MQTT 3.1 asks for 1 to 23 characters, and Netty's encoder holds a client to that. */
    private static boolean fitsMqtt31(String clientId) {
        return !clientId.isEmpty() && clientId.length() <= 23;
    }

    static MqttMessage subscribe(FuzzedDataProvider data, int packetId, boolean mqtt5) {
        MqttMessageBuilders.SubscribeBuilder subscribe =
                MqttMessageBuilders.subscribe().messageId(packetId);
        int filters = data.consumeInt(1, 3);
        for (int i = 0; i < filters; i++) {
            MqttSubscriptionOption option = new MqttSubscriptionOption(
                    qos(data),
                    mqtt5 && data.consumeBoolean(),
                    mqtt5 && data.consumeBoolean(),
                    mqtt5
                            ? data.pickValue(MqttSubscriptionOption.RetainedHandlingPolicy.values())
                            : MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE);
            subscribe.addSubscription(data.pickValue(FILTERS), option);
        }
        if (mqtt5 && data.consumeBoolean()) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(
                    MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), data.consumeInt(0, 300)));
            subscribe.properties(properties);
        }
        return subscribe.build();
    }

    static MqttMessage unsubscribe(FuzzedDataProvider data, int packetId) {
        return MqttMessageBuilders.unsubscribe()
                .messageId(packetId)
                .addTopicFilter(data.pickValue(FILTERS))
                .build();
    }

    static MqttMessage publish(FuzzedDataProvider data, MqttQoS qos, int packetId, boolean mqtt5) {
        MqttMessageBuilders.PublishBuilder publish = MqttMessageBuilders.publish()
                .topicName(data.pickValue(TOPICS))
                .qos(qos)
                .retained(data.consumeBoolean())
                .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : packetId)
                .payload(Unpooled.wrappedBuffer(data.consumeBytes(16)));
        if (mqtt5) {
            publish.properties(properties(data, false));
        }
        return publish.build();
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP for a packet id. */
    static MqttMessage acknowledgement(MqttMessageType type, int packetId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(
                new MqttFixedHeader(type, false, qos, false, 0), MqttMessageIdVariableHeader.from(packetId));
    }

    static MqttMessage ping() {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0));
    }

    static MqttMessage disconnect(FuzzedDataProvider data, boolean mqtt5) {
        MqttMessageBuilders.DisconnectBuilder disconnect = MqttMessageBuilders.disconnect();
        if (mqtt5) {
            disconnect.reasonCode(data.pickValue(new byte[] {0x00, 0x04, (byte) 0x80}));
            if (data.consumeBoolean()) {
                MqttProperties properties = new MqttProperties();
                properties.add(new MqttProperties.IntegerProperty(
                        MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), data.consumeInt(0, 100)));
                disconnect.properties(properties);
            }
        }
        return disconnect.build();
    }

    static MqttMessage auth(FuzzedDataProvider data) {
        MqttProperties properties = new MqttProperties();
        if (data.consumeBoolean()) {
            properties.add(new MqttProperties.StringProperty(MqttPropertyType.AUTHENTICATION_METHOD.value(), "SCRAM"));
        }
        return MqttMessageBuilders.auth()
                .reasonCode(data.pickValue(new byte[] {0x00, 0x18, 0x19}))
                .properties(properties)
                .build();
    }

    static int packetId(FuzzedDataProvider data) {
        return data.pickValue(PACKET_IDS);
    }

    static MqttQoS qos(FuzzedDataProvider data) {
        return data.pickValue(new MqttQoS[] {MqttQoS.AT_MOST_ONCE, MqttQoS.AT_LEAST_ONCE, MqttQoS.EXACTLY_ONCE});
    }

    /** Some of the MQTT 5 properties the edge checks, some of them out of range. */
    private static MqttProperties properties(FuzzedDataProvider data, boolean connect) {
        MqttProperties properties = new MqttProperties();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            switch (data.consumeInt(0, connect ? 6 : 4)) {
                case 0 ->
                    properties.add(new MqttProperties.IntegerProperty(
                            MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), data.consumeInt(0, 10)));
                case 1 ->
                    properties.add(new MqttProperties.IntegerProperty(
                            MqttPropertyType.TOPIC_ALIAS.value(), data.consumeInt(0, 12)));
                case 2 ->
                    properties.add(new MqttProperties.IntegerProperty(
                            MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), data.consumeInt(0, 2)));
                case 3 ->
                    properties.add(new MqttProperties.StringProperty(
                            MqttPropertyType.RESPONSE_TOPIC.value(), data.pickValue(TOPICS)));
                case 4 ->
                    properties.add(new MqttProperties.StringProperty(
                            MqttPropertyType.CONTENT_TYPE.value(),
                            new String(data.consumeBytes(4), StandardCharsets.UTF_8)));
                case 5 ->
                    properties.add(new MqttProperties.IntegerProperty(
                            MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), data.pickValue(new int[] {0, 10, -1})));
                default ->
                    properties.add(new MqttProperties.IntegerProperty(
                            MqttPropertyType.RECEIVE_MAXIMUM.value(), data.consumeInt(0, 3)));
            }
        }
        return properties;
    }
}
