package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.log.MessageTooLargeException;
import io.wharf.edge.log.PayloadInvalidException;
import io.wharf.edge.session.InboundQos2;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicNames;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Decides on a PUBLISH from a client, step by step as the handler learns more, and on the PUBREL
 * that ends a QoS 2 one. Every answer is a value in MQTT 5's terms; nothing here touches a
 * connection.
 */
final class PublishRules {

    private PublishRules() {}

    /**
     * The topic a PUBLISH is for, from its topic name and its MQTT 5 topic alias (section 3.3.2.3.4).
     *
     * @param knownAliases the aliases the client set on this connection; read, not changed
     */
    static TopicDecision topic(
            String topicName, Integer alias, boolean mqtt5, int topicAliasMaximum, Map<Integer, String> knownAliases) {
        String topic = topicName;
        Integer setsAlias = null;
        if (!mqtt5 || alias == null) {
            if (mqtt5 && topicName.isEmpty()) {
                return new Disconnect(
                        MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "an empty topic name without a topic alias");
            }
        } else if (alias == 0 || alias > topicAliasMaximum) {
            return new Disconnect(
                    MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID,
                    "topic alias " + alias + " is outside 1.." + topicAliasMaximum);
        } else if (!topicName.isEmpty()) {
            setsAlias = alias;
        } else {
            topic = knownAliases.get(alias);
            if (topic == null) {
                return new Disconnect(
                        MqttReasonCodes.Disconnect.PROTOCOL_ERROR, "topic alias " + alias + " was never set");
            }
        }
        if (!TopicNames.isValidName(topic)) {
            return new Disconnect(
                    MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID, "invalid topic name in PUBLISH: " + topic);
        }
        return new TopicDecision.Topic(topic, setsAlias);
    }

    /**
     * Whether the message, on a valid topic, is stored. A payload that is not the UTF-8 its Payload
     * Format Indicator promises is refused (section 3.3.2.3.2): QoS 1 and 2 with reason 0x99, QoS 0,
     * which has no answer, by DISCONNECT 0x99.
     */
    static PublishDecision message(ApplicationMessage message, int packetId, boolean mqtt5) {
        if (mqtt5 && PayloadFormat.isInvalidUtf8(message)) {
            String why = "the payload is not the UTF-8 its Payload Format Indicator says";
            if (message.qos() == 0) {
                return new Disconnect(MqttReasonCodes.Disconnect.PAYLOAD_FORMAT_INVALID, why);
            }
            return new PublishReply(
                    acknowledgement(message.qos()),
                    packetId,
                    MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue(),
                    why);
        }
        return new PublishDecision.Store(message, packetId);
    }

    /**
     * A QoS 2 message, given what the connection knew of its packet id before this copy: a copy
     * already stored and answered is answered again with PUBREC and not stored twice; one still
     * being stored gets the PUBREC that is on its way; a new one is stored.
     */
    static PublishDecision qos2(PublishDecision.Store store, InboundQos2.State known) {
        if (known == InboundQos2.State.STORED) {
            return PublishReply.success(MqttMessageType.PUBREC, store.packetId());
        }
        if (known == InboundQos2.State.STORING) {
            return PublishDecision.Ignore.INSTANCE;
        }
        return store;
    }

    /**
     * A PUBLISH the access rules refuse: QoS 1 and 2 are answered with 0x87 Not authorized (MQTT 5
     * section 3.4.2.1 and 3.5.2.1), which {@link ProtocolReplies} turns into what the client's
     * version has; QoS 0 has no answer and is dropped.
     */
    static PublishDecision notAuthorized(int qos, int packetId, String topic) {
        if (qos == 0) {
            return PublishDecision.Ignore.INSTANCE;
        }
        return new PublishReply(
                acknowledgement(qos),
                packetId,
                MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue(),
                "not allowed to publish to " + topic);
    }

    /**
     * A PUBLISH to a valid topic the edge does not accept (too long, too many levels). MQTT 5 has
     * 0x90 Topic Name invalid for exactly this (section 3.4.2.1: "not malformed, but not accepted"):
     * QoS 1 and 2 are answered with it and the connection goes on; QoS 0, which has no answer, ends
     * with DISCONNECT 0x90. MQTT 3.1.1 has no such answer, so the connection closes.
     */
    static PublishDecision topicNotAccepted(int qos, int packetId, boolean mqtt5, String why) {
        if (!mqtt5 || qos == 0) {
            return new Disconnect(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID, why);
        }
        return new PublishReply(
                acknowledgement(qos), packetId, MqttReasonCodes.PubAck.TOPIC_NAME_INVALID.byteValue(), why);
    }

    /** An MQTT 5 client sent more unacknowledged QoS 1 and 2 messages than the Receive Maximum. */
    static Disconnect receiveMaximumExceeded() {
        return new Disconnect(
                MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED,
                "more unacknowledged QoS 1 and 2 messages than the Receive Maximum");
    }

    /**
     * The answer to a QoS 1 or 2 message once the log is done with it: success once it is stored,
     * 0x80 Unspecified error when it could not be (never an acknowledgement of what is not stored),
     * 0x95 Packet too large, with the Kafka topic's limit, when Kafka refused the record as too large,
     * 0x99 Payload format invalid when the topic's rule refuses a payload its schema does not fit.
     *
     * @param error null once stored
     */
    static PublishReply stored(int qos, int packetId, Throwable error) {
        MqttMessageType type = acknowledgement(qos);
        if (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        if (error == null) {
            return PublishReply.success(type, packetId);
        }
        if (error instanceof PayloadInvalidException invalid) {
            return new PublishReply(
                    type,
                    packetId,
                    MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue(),
                    invalid.getMessage(),
                    invalid.closesMqtt3());
        }
        if (error instanceof MessageTooLargeException tooLarge) {
            // MQTT 5 has no such PUBACK or PUBREC code: ProtocolReplies makes it a DISCONNECT
            return new PublishReply(type, packetId, PublishReply.PACKET_TOO_LARGE, tooLarge.getMessage());
        }
        String why = error instanceof TimeoutException
                ? error.getMessage()
                : "the message could not be stored: " + error.getClass().getSimpleName();
        return new PublishReply(type, packetId, MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue(), why);
    }

    /**
     * PUBREL is answered with PUBCOMP; 0x92 Packet Identifier not found when no QoS 2 message with
     * that id awaits release.
     */
    static PublishReply released(int packetId, boolean awaitingRelease) {
        return awaitingRelease
                ? PublishReply.success(MqttMessageType.PUBCOMP, packetId)
                : new PublishReply(
                        MqttMessageType.PUBCOMP,
                        packetId,
                        MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue(),
                        null);
    }

    private static MqttMessageType acknowledgement(int qos) {
        return qos == 1 ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
    }
}
