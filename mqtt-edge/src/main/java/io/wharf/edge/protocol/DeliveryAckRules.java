package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/** Decides what the client's PUBACK, PUBREC and PUBCOMP mean, as values; touches no session. */
final class DeliveryAckRules {

    private DeliveryAckRules() {}

    /**
     * @param type PUBACK, PUBREC or PUBCOMP
     * @param reasonCode the MQTT 5 reason code (0 in 3.1.1, which has none)
     */
    static DeliveryAckDecision decide(MqttMessageType type, int packetId, int reasonCode) {
        return switch (type) {
            case PUBACK -> new DeliveryAckDecision.Delivered(packetId);
            case PUBREC -> new DeliveryAckDecision.Received(packetId, (reasonCode & 0xff) < 0x80);
            case PUBCOMP -> new DeliveryAckDecision.Completed(packetId);
            default -> throw new IllegalArgumentException("not an acknowledgement from a client: " + type);
        };
    }

    /** PUBREC for a packet id no QoS 2 message is in flight with: PUBREL 0x92 Packet Identifier not found. */
    static PublishReply unknownPubRec(int packetId) {
        return new PublishReply(
                MqttMessageType.PUBREL, packetId, MqttReasonCodes.PubRel.PACKET_IDENTIFIER_NOT_FOUND.byteValue(), null);
    }
}
