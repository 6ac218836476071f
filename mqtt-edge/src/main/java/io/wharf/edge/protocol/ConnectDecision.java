package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.edge.message.Message;

/** What to do with a CONNECT. */
sealed interface ConnectDecision {

  /**
   * Accept the connection.
   *
   * @param assignedId whether the edge chose the client id because the client sent none
   * @param will the will message, or null
   */
  record Accepted(
      MqttVersion version,
      String clientId,
      boolean assignedId,
      boolean cleanStart,
      int keepAliveSeconds,
      Message will)
      implements ConnectDecision {}

  /** Answer with a CONNACK carrying {@code code}, then close. */
  record Refused(MqttConnectReturnCode code, String reason) implements ConnectDecision {}

  /** A protocol violation the version has no CONNACK code for: close without answering. */
  record Violation(String reason) implements ConnectDecision {}
}
