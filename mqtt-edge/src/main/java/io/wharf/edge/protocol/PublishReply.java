package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * A decision to answer with PUBACK, PUBREC, PUBREL or PUBCOMP, in MQTT 5's terms; how it goes out
 * in the connection's version is {@link ProtocolReplies}'s business.
 *
 * @param reasonCode 0x00 for success; 0x80 and above for a failure
 * @param why what a failure means, for the reason string; null when there is nothing to say
 * @param closesMqtt3 whether an MQTT 3.1.1 client is disconnected for a refusal it would otherwise
 *     get acknowledged (a payload its topic's schema refuses, where the rule says so)
 */
record PublishReply(MqttMessageType type, int packetId, byte reasonCode, String why, boolean closesMqtt3)
        implements PublishDecision {

    static final byte SUCCESS = 0;

    /**
     * 0x95 Packet too large: the log refused the message as larger than its Kafka topic takes. No
     * PUBACK or PUBREC may carry it, so it goes out as a DISCONNECT.
     */
    static final byte PACKET_TOO_LARGE = MqttReasonCodes.Disconnect.PACKET_TOO_LARGE.byteValue();

    PublishReply(MqttMessageType type, int packetId, byte reasonCode, String why) {
        this(type, packetId, reasonCode, why, false);
    }

    static PublishReply success(MqttMessageType type, int packetId) {
        return new PublishReply(type, packetId, SUCCESS, null);
    }

    boolean isFailure() {
        return (reasonCode & 0xff) >= 0x80;
    }
}
