package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.wharf.edge.message.Message;
import io.wharf.edge.message.MessageProperties;
import io.wharf.edge.message.UserProperty;
import java.util.List;

/** The MQTT 5 properties of a PUBLISH sent to a subscriber. */
final class OutboundProperties {

  private OutboundProperties() {}

  /**
   * Fills {@code target} for {@code message}.
   *
   * @return false if the message has expired and must not be sent
   */
  static boolean fill(MqttProperties target, Message message, List<Integer> subscriptionIds, long nowMs) {
    MessageProperties properties = message.properties();
    if (properties.expirySeconds() != null) {
      long elapsedSeconds = Math.max(0, (nowMs - message.timestampMs()) / 1000);
      long remaining = properties.expirySeconds() - elapsedSeconds;
      if (remaining <= 0) {
        return false;
      }
      target.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, (int) Math.min(remaining, Integer.MAX_VALUE)));
    }
    if (properties.payloadFormat() != null) {
      target.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, properties.payloadFormat()));
    }
    if (properties.contentType() != null) {
      target.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, properties.contentType()));
    }
    if (properties.responseTopic() != null) {
      target.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, properties.responseTopic()));
    }
    if (properties.correlationData() != null) {
      target.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, properties.correlationData()));
    }
    for (UserProperty property : properties.userProperties()) {
      target.add(new MqttProperties.UserProperty(property.name(), property.value()));
    }
    for (int id : subscriptionIds) {
      target.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, id));
    }
    return true;
  }
}
