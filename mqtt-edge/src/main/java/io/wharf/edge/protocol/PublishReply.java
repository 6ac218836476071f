package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * A decision to answer with PUBACK, PUBREC, PUBREL or PUBCOMP, in MQTT 5's terms; how it goes out
 * in the connection's version is {@link ProtocolReplies}'s business.
 *
 * @param reasonCode 0x00 for success; 0x80 and above for a failure
 * @param why what a failure means, for the reason string; null when there is nothing to say
 */
record PublishReply(MqttMessageType type, int packetId, byte reasonCode, String why) implements PublishDecision {

    static final byte SUCCESS = 0;

    /**
     * 0x95 Packet too large: the log refused the message as larger than its Kafka topic takes. No
     * PUBACK or PUBREC may carry it, so it goes out as a DISCONNECT.
     */
    static final byte PACKET_TOO_LARGE = MqttReasonCodes.Disconnect.PACKET_TOO_LARGE.byteValue();

    static PublishReply success(MqttMessageType type, int packetId) {
        return new PublishReply(type, packetId, SUCCESS, null);
    }

    boolean isFailure() {
        return (reasonCode & 0xff) >= 0x80;
    }
}
