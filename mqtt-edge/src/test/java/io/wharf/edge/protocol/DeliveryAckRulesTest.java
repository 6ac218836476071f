package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.junit.jupiter.api.Test;

class DeliveryAckRulesTest {

    @Test
    void pubAckDeliversTheQos1Message() {
        // MQTT-4.3.2-1: the sender treats the PUBLISH as unacknowledged until it receives the PUBACK
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBACK, 3, 0))
                .isEqualTo(new DeliveryAckDecision.Delivered(3));
    }

    @Test
    void aPubAckWithAnErrorCodeStillEndsTheQos1Exchange() {
        // MQTT 5 section 4.3.2: the Packet Identifier becomes available for reuse once PUBACK is received
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBACK, 3, 0x80))
                .isEqualTo(new DeliveryAckDecision.Delivered(3));
    }

    @Test
    void aSuccessfulPubRecAcceptsTheQos2Message() {
        // MQTT-4.3.3-4: the sender MUST send PUBREL when it receives PUBREC with a Reason Code below 0x80
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBREC, 3, 0x00))
                .isEqualTo(new DeliveryAckDecision.Received(3, true));
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBREC, 3, 0x10)) // No matching subscribers
                .isEqualTo(new DeliveryAckDecision.Received(3, true));
    }

    @Test
    void aPubRecWithAnErrorCodeEndsTheQos2Exchange() {
        // MQTT 5 section 4.3.3: a PUBREC with a Reason Code of 0x80 or greater ends the exchange, no PUBREL
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBREC, 3, 0x80))
                .isEqualTo(new DeliveryAckDecision.Received(3, false));
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBREC, 3, 0x97))
                .isEqualTo(new DeliveryAckDecision.Received(3, false));
    }

    @Test
    void pubCompCompletesTheQos2Message() {
        // MQTT-4.3.3-5: the PUBREL is unacknowledged until the corresponding PUBCOMP is received
        assertThat(DeliveryAckRules.decide(MqttMessageType.PUBCOMP, 3, 0))
                .isEqualTo(new DeliveryAckDecision.Completed(3));
    }

    @Test
    void aPubRecForNoMessageInFlightGetsPubRelPacketIdentifierNotFound() {
        // MQTT 5 section 3.6.2.1: PUBREL 0x92 Packet Identifier not found
        assertThat(DeliveryAckRules.unknownPubRec(5))
                .isEqualTo(new PublishReply(
                        MqttMessageType.PUBREL,
                        5,
                        MqttReasonCodes.PubRel.PACKET_IDENTIFIER_NOT_FOUND.byteValue(),
                        null));
    }

    @Test
    void onlyTheClientsAcknowledgementsAreDecidedHere() {
        // MQTT 5 section 4.3: PUBREL from a client ends a QoS 2 message it sent; PublishRules decides it
        assertThatThrownBy(() -> DeliveryAckRules.decide(MqttMessageType.PUBREL, 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
