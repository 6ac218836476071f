package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * A decision to end the connection: DISCONNECT with {@code reason} where the version has one, then
 * close. {@code why} goes to the log and, in MQTT 5, into the reason string.
 */
record Disconnect(MqttReasonCodes.Disconnect reason, String why)
        implements PublishDecision, TopicDecision, SubscribeDecision, ClientDisconnectDecision, Outgoing {}
