package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.wharf.edge.session.Expiry;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;

/** The MQTT 5 properties of a PUBLISH sent to a subscriber. */
final class OutboundProperties {

    private OutboundProperties() {}

    /** Fills {@code target} for {@code message}, with the expiry interval that remains now. */
    static void fill(MqttProperties target, ApplicationMessage message, List<Integer> subscriptionIds, long nowMs) {
        ApplicationMessage.Properties properties = message.properties();
        long remaining = Expiry.remainingSeconds(message, nowMs);
        if (remaining >= 0) {
            target.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) Math.min(Math.max(remaining, 1), 0xFFFF_FFFFL)));
        }
        if (properties.payloadFormat() != null) {
            target.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PAYLOAD_FORMAT_INDICATOR, properties.payloadFormat()));
        }
        if (properties.contentType() != null) {
            target.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, properties.contentType()));
        }
        if (properties.responseTopic() != null) {
            target.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, properties.responseTopic()));
        }
        if (properties.correlationData() != null) {
            target.add(
                    new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, properties.correlationData()));
        }
        for (ApplicationMessage.UserProperty property : properties.userProperties()) {
            target.add(new MqttProperties.UserProperty(property.name(), property.value()));
        }
        for (int id : subscriptionIds) {
            target.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
        }
    }
}
