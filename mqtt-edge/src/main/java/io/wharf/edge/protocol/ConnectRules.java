package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.edge.message.Message;
import io.wharf.schemas.topic.TopicNames;
import java.util.UUID;

/** Decides whether a CONNECT is accepted, as a value, without touching the connection. */
final class ConnectRules {

  private static final String ASSIGNED_ID_PREFIX = "wharf-";

  private ConnectRules() {}

  static ConnectDecision decide(MqttConnectMessage connect, long nowMs) {
    MqttConnectVariableHeader header = connect.variableHeader();
    MqttConnectPayload payload = connect.payload();
    MqttVersion version = MqttVersion.fromProtocolNameAndLevel(header.name(), (byte) header.version());
    String clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
    boolean assigned = false;
    if (clientId.isEmpty()) {
      if (version == MqttVersion.MQTT_3_1 || (version == MqttVersion.MQTT_3_1_1 && !header.isCleanSession())) {
        return new ConnectDecision.Refused(
            identifierRejected(version), "an empty client id needs a clean session");
      }
      clientId = ASSIGNED_ID_PREFIX + UUID.randomUUID();
      assigned = true;
    }
    if (version != MqttVersion.MQTT_5 && header.hasPassword() && !header.hasUserName()) {
      return new ConnectDecision.Violation("a password without a user name");
    }
    Message will = null;
    if (header.isWillFlag()) {
      if (!TopicNames.isValidName(payload.willTopic())) {
        return version == MqttVersion.MQTT_5
            ? new ConnectDecision.Refused(
                MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID, "invalid will topic")
            : new ConnectDecision.Violation("invalid will topic");
      }
      will =
          new Message(
              payload.willTopic(),
              payload.willMessageInBytes() == null ? new byte[0] : payload.willMessageInBytes(),
              header.willQos(),
              header.isWillRetain(),
              clientId,
              nowMs,
              InboundProperties.from(payload.willProperties()));
    }
    return new ConnectDecision.Accepted(
        version, clientId, assigned, header.isCleanSession(), header.keepAliveTimeSeconds(), will);
  }

  /** The "identifier rejected" code in the version the client spoke. */
  static MqttConnectReturnCode identifierRejected(MqttVersion version) {
    return version == MqttVersion.MQTT_5
        ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
        : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
  }

  static MqttConnectReturnCode identifierRejected(Channel channel) {
    return identifierRejected(ChannelVersion.of(channel));
  }
}
