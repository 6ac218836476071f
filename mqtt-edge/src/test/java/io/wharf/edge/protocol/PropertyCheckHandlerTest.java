package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.junit.jupiter.api.Test;

class PropertyCheckHandlerTest {

    @Test
    void aPublishWithItsOwnPropertiesIsFine() {
        // MQTT 5 section 3.3.2.3: the PUBLISH properties
        MqttProperties properties = properties(
                new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1),
                new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 60),
                new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, 1),
                new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "r"),
                new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, new byte[] {1}),
                new MqttProperties.UserProperty("k", "v"),
                new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "text/plain"));
        assertThat(PropertyCheckHandler.check(MqttMessageType.PUBLISH, properties))
                .isEmpty();
    }

    @Test
    void aPublishFromAClientWithASubscriptionIdentifierIsMalformed() {
        // MQTT-3.3.4-6: a PUBLISH sent from a Client to a Server MUST NOT contain a Subscription Identifier;
        // section 2.2.2.2: a packet with a property its type does not allow is a Malformed Packet
        assertThat(malformed(
                        MqttMessageType.PUBLISH,
                        new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, 3)))
                .isTrue();
    }

    @Test
    void acknowledgementsMayCarryOnlyAReasonStringAndUserProperties() {
        // MQTT 5 sections 3.4.2.2, 3.5.2.2, 3.6.2.2, 3.7.2.2
        MqttProperties allowed = properties(
                new MqttProperties.StringProperty(MqttProperties.REASON_STRING, "why"),
                new MqttProperties.UserProperty("k", "v"));
        for (MqttMessageType type : new MqttMessageType[] {
            MqttMessageType.PUBACK, MqttMessageType.PUBREC, MqttMessageType.PUBREL, MqttMessageType.PUBCOMP
        }) {
            assertThat(PropertyCheckHandler.check(type, allowed)).as("%s", type).isEmpty();
            assertThat(malformed(type, new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, 1)))
                    .as("%s", type)
                    .isTrue();
        }
    }

    @Test
    void subscribeMayCarryASubscriptionIdentifierAndUnsubscribeMayNot() {
        // MQTT 5 sections 3.8.2.1 and 3.10.2.1
        MqttProperties.IntegerProperty identifier =
                new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, 3);
        assertThat(PropertyCheckHandler.check(MqttMessageType.SUBSCRIBE, properties(identifier)))
                .isEmpty();
        assertThat(malformed(MqttMessageType.UNSUBSCRIBE, identifier)).isTrue();
        assertThat(PropertyCheckHandler.check(
                        MqttMessageType.UNSUBSCRIBE, properties(new MqttProperties.UserProperty("k", "v"))))
                .isEmpty();
    }

    @Test
    void disconnectMayCarryASessionExpiryButNoAssignedClientIdentifier() {
        // MQTT 5 section 3.14.2.2
        assertThat(PropertyCheckHandler.check(
                        MqttMessageType.DISCONNECT,
                        properties(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 5))))
                .isEmpty();
        assertThat(malformed(
                        MqttMessageType.DISCONNECT,
                        new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, "id")))
                .isTrue();
    }

    @Test
    void aPacketWithoutPropertiesIsNeverMalformedHere() {
        // MQTT 5 section 2.2.2: PINGREQ has no Properties; an absent property list forbids nothing
        assertThat(PropertyCheckHandler.check(MqttMessageType.PINGREQ, null)).isEmpty();
        assertThat(PropertyCheckHandler.check(MqttMessageType.PUBLISH, null)).isEmpty();
    }

    private static boolean malformed(MqttMessageType type, MqttProperties.MqttProperty<?> property) {
        return PropertyCheckHandler.check(type, properties(property))
                .map(Disconnect::reason)
                .filter(reason -> reason == MqttReasonCodes.Disconnect.MALFORMED_PACKET)
                .isPresent();
    }

    private static MqttProperties properties(MqttProperties.MqttProperty<?>... properties) {
        MqttProperties result = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : properties) {
            result.add(property);
        }
        return result;
    }
}
