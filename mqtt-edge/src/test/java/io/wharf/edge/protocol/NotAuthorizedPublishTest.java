package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.Test;

/** How a PUBLISH the access rules refuse is answered, per QoS and MQTT version. */
class NotAuthorizedPublishTest {

    private final ProtocolReplies mqtt5 = ProtocolReplies.of(
            MqttVersion.MQTT_5, new ClientLimits(100, ClientLimits.UNLIMITED_PACKET_SIZE, 0, true, false));
    private final ProtocolReplies mqtt311 = ProtocolReplies.of(MqttVersion.MQTT_3_1_1, ClientLimits.mqtt3());

    @Test
    void aRefusedQos0MessageHasNoAnswer() {
        assertThat(PublishRules.notAuthorized(0, 0, "t")).isEqualTo(PublishDecision.Ignore.INSTANCE);
    }

    @Test
    void mqtt5AnswersARefusedQos1Or2MessageWithNotAuthorized() {
        // MQTT 5 section 3.4.2.1 (PUBACK) and 3.5.2.1 (PUBREC): 0x87 Not authorized
        MqttMessage pubAck = packet(mqtt5.publishReply((PublishReply) PublishRules.notAuthorized(1, 7, "t")));
        assertThat(pubAck.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(reasonCode(pubAck)).isEqualTo(MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue());
        MqttMessage pubRec = packet(mqtt5.publishReply((PublishReply) PublishRules.notAuthorized(2, 8, "t")));
        assertThat(pubRec.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(reasonCode(pubRec)).isEqualTo(MqttReasonCodes.PubRec.NOT_AUTHORIZED.byteValue());
        assertThat(mqtt5.canRefusePublish(1)).isTrue();
        assertThat(mqtt5.canRefusePublish(0)).isFalse();
    }

    @Test
    void mqtt311AcknowledgesARefusedMessageAsUsual() {
        // MQTT 3.1.1 section 3.3.5 [MQTT-3.3.5-2]: a positive acknowledgement, or close the connection
        Outgoing answer = mqtt311.publishReply((PublishReply) PublishRules.notAuthorized(1, 7, "t"));
        MqttMessage pubAck = packet(answer);
        assertThat(pubAck.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(mqtt311.canRefusePublish(1)).isFalse();
    }

    private static MqttMessage packet(Outgoing outgoing) {
        assertThat(outgoing).isInstanceOf(Outgoing.Packet.class);
        return ((Outgoing.Packet) outgoing).message();
    }

    private static byte reasonCode(MqttMessage packet) {
        return ((MqttPubReplyMessageVariableHeader) packet.variableHeader()).reasonCode();
    }
}
