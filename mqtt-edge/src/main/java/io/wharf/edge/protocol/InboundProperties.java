package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.ArrayList;
import java.util.List;

/** Reads the MQTT 5 properties of a PUBLISH (or a will) into the edge's message properties. */
final class InboundProperties {

    private InboundProperties() {}

    static ApplicationMessage.Properties from(MqttProperties properties) {
        if (properties == null || properties.isEmpty()) {
            return ApplicationMessage.Properties.NONE;
        }
        List<ApplicationMessage.UserProperty> userProperties = new ArrayList<>(0);
        for (MqttProperties.MqttProperty<?> property : properties.getProperties(MqttProperties.USER_PROPERTY)) {
            if (property instanceof MqttProperties.UserProperties list) {
                list.value()
                        .forEach(pair -> userProperties.add(new ApplicationMessage.UserProperty(pair.key, pair.value)));
            } else if (property instanceof MqttProperties.UserProperty single) {
                userProperties.add(new ApplicationMessage.UserProperty(single.value().key, single.value().value));
            }
        }
        Integer expiry = integer(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
        return new ApplicationMessage.Properties(
                integer(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR),
                expiry == null ? null : Integer.toUnsignedLong(expiry),
                string(properties, MqttProperties.CONTENT_TYPE),
                string(properties, MqttProperties.RESPONSE_TOPIC),
                binary(properties, MqttProperties.CORRELATION_DATA),
                userProperties);
    }

    static Integer integer(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : (Integer) property.value();
    }

    static String string(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : (String) property.value();
    }

    static byte[] binary(MqttProperties properties, int id) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(id);
        return property == null ? null : (byte[]) property.value();
    }
}
