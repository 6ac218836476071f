package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import java.nio.charset.StandardCharsets;

/** The encoded size of a PUBLISH, to honour the client's Maximum Packet Size before sending. */
final class PacketSize {

    private PacketSize() {}

    static long publish(String topic, int qos, MqttProperties properties, int payloadBytes) {
        long variableHeader = 2 + utf8Length(topic) + (qos > 0 ? 2 : 0);
        if (properties != MqttProperties.NO_PROPERTIES) {
            long propertiesLength = properties(properties);
            variableHeader += variableByteIntegerSize(propertiesLength) + propertiesLength;
        }
        long remaining = variableHeader + payloadBytes;
        return 1 + variableByteIntegerSize(remaining) + remaining;
    }

    private static long properties(MqttProperties properties) {
        long length = 0;
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            int id = property.propertyId();
            Object value = property.value();
            if (property instanceof MqttProperties.UserProperties list) {
                for (MqttProperties.StringPair pair : list.value()) {
                    length += 1 + 2 + utf8Length(pair.key) + 2 + utf8Length(pair.value);
                }
            } else if (property instanceof MqttProperties.StringProperty) {
                length += 1 + 2 + utf8Length((String) value);
            } else if (property instanceof MqttProperties.BinaryProperty) {
                length += 1 + 2 + ((byte[]) value).length;
            } else if (id == MqttProperties.SUBSCRIPTION_IDENTIFIER) {
                length += 1 + variableByteIntegerSize((Integer) value);
            } else if (id == MqttProperties.PAYLOAD_FORMAT_INDICATOR) {
                length += 1 + 1;
            } else if (id == MqttProperties.TOPIC_ALIAS) {
                length += 1 + 2;
            } else {
                length += 1 + 4;
            }
        }
        return length;
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int variableByteIntegerSize(long value) {
        int size = 1;
        while (value >= 128) {
            value >>= 7;
            size++;
        }
        return size;
    }
}
