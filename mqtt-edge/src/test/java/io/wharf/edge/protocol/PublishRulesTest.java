package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.log.MessageTooLargeException;
import io.wharf.edge.log.PayloadInvalidException;
import io.wharf.edge.session.InboundQos2;
import io.wharf.schemas.message.ApplicationMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PublishRulesTest {

    private static final int ALIAS_MAXIMUM = 10;
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};

    // ---- topic name and topic alias --------------------------------------------------------------

    @Test
    void aTopicNameWithoutAnAliasIsTheTopic() {
        // MQTT-3.3.2-1: the Topic Name identifies the channel the payload is published to
        assertThat(PublishRules.topic("a/b", null, true, ALIAS_MAXIMUM, Map.of()))
                .isEqualTo(new TopicDecision.Topic("a/b", null));
    }

    @Test
    void aTopicNameWithAWildcardDisconnectsWithTopicNameInvalid() {
        // MQTT-3.3.2-2: the Topic Name in a PUBLISH MUST NOT contain wildcard characters
        assertThat(reason(PublishRules.topic("a/+", null, true, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID);
        assertThat(reason(PublishRules.topic("a/#", null, false, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID);
    }

    @Test
    void aTopicPastTheEdgesLimitsIsRefusedWith0x90WhereMqtt5CanSaySoAndEndsTheConnectionOtherwise() {
        // MQTT 5 section 3.4.2.1: 0x90 Topic Name invalid, "not malformed, but not accepted"
        assertThat(PublishRules.topicNotAccepted(1, 7, true, "too long"))
                .isEqualTo(new PublishReply(
                        MqttMessageType.PUBACK, 7, MqttReasonCodes.PubAck.TOPIC_NAME_INVALID.byteValue(), "too long"));
        assertThat(PublishRules.topicNotAccepted(2, 8, true, "too long"))
                .isEqualTo(new PublishReply(
                        MqttMessageType.PUBREC, 8, MqttReasonCodes.PubRec.TOPIC_NAME_INVALID.byteValue(), "too long"));
        assertThat(PublishRules.topicNotAccepted(0, 0, true, "too long"))
                .isEqualTo(new Disconnect(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID, "too long"));
        assertThat(PublishRules.topicNotAccepted(1, 7, false, "too long"))
                .as("3.1.1 has no refusing PUBACK")
                .isInstanceOf(Disconnect.class);
    }

    @Test
    void anEmptyTopicNameWithoutAliasIsAProtocolErrorInMqtt5() {
        // MQTT 5 section 3.3.2.3.4: a zero length Topic Name with no mapping is a Protocol Error
        assertThat(reason(PublishRules.topic("", null, true, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    @Test
    void anEmptyTopicNameIsAnInvalidTopicInMqtt311() {
        // MQTT-4.7.3-1 (3.1.1): all Topic Names MUST be at least one character long
        assertThat(reason(PublishRules.topic("", null, false, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID);
    }

    @Test
    void anAliasWithATopicNameSetsTheAlias() {
        // MQTT 5 section 3.3.2.3.4: a non-zero length Topic Name with an alias updates the mapping
        assertThat(PublishRules.topic("a/b", 3, true, ALIAS_MAXIMUM, Map.of(3, "old/topic")))
                .isEqualTo(new TopicDecision.Topic("a/b", 3));
    }

    @Test
    void anAliasWithAnEmptyTopicNameUsesTheMappedTopic() {
        // MQTT 5 section 3.3.2.3.4: a zero length Topic Name is processed with the alias's Topic Name
        assertThat(PublishRules.topic("", 3, true, ALIAS_MAXIMUM, Map.of(3, "a/b")))
                .isEqualTo(new TopicDecision.Topic("a/b", null));
    }

    @Test
    void anAliasNeverSetIsAProtocolError() {
        // MQTT 5 section 3.3.2.3.4: no mapping and a zero length Topic Name is a Protocol Error
        assertThat(reason(PublishRules.topic("", 3, true, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    @Test
    void aliasZeroIsTopicAliasInvalid() {
        // MQTT-3.3.2-8: a sender MUST NOT send a PUBLISH containing a Topic Alias of 0
        assertThat(reason(PublishRules.topic("a/b", 0, true, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID);
    }

    @Test
    void anAliasAboveTheTopicAliasMaximumIsTopicAliasInvalid() {
        // MQTT-3.3.2-9: a Client MUST NOT send a Topic Alias greater than the server's Topic Alias Maximum
        assertThat(reason(PublishRules.topic("a/b", ALIAS_MAXIMUM + 1, true, ALIAS_MAXIMUM, Map.of())))
                .isEqualTo(MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID);
    }

    @Test
    void everyAliasUpToTheMaximumIsAccepted() {
        // MQTT-3.3.2-12: the Server MUST accept all Topic Alias values from 1 to its Topic Alias Maximum
        assertThat(PublishRules.topic("a/b", 1, true, ALIAS_MAXIMUM, Map.of()))
                .isEqualTo(new TopicDecision.Topic("a/b", 1));
        assertThat(PublishRules.topic("a/b", ALIAS_MAXIMUM, true, ALIAS_MAXIMUM, Map.of()))
                .isEqualTo(new TopicDecision.Topic("a/b", ALIAS_MAXIMUM));
    }

    @Test
    void anMqtt311PublishHasNoAlias() {
        // MQTT 3.1.1 PUBLISH has no properties: whatever the codec saw, the Topic Name is the topic
        assertThat(PublishRules.topic("a/b", 0, false, ALIAS_MAXIMUM, Map.of()))
                .isEqualTo(new TopicDecision.Topic("a/b", null));
    }

    // ---- the message -------------------------------------------------------------------------------

    @Test
    void aValidMessageIsStored() {
        // MQTT-4.3.2-4: a valid QoS 1 message is taken into ownership (stored) before it is acknowledged
        ApplicationMessage message = message(1, "21.5".getBytes(StandardCharsets.UTF_8), 1);
        assertThat(PublishRules.message(message, 7, true)).isEqualTo(new PublishDecision.Store(message, 7));
    }

    @Test
    void utf8PayloadThatSaysSoIsStored() {
        // MQTT 5 section 3.3.2.3.2: Payload Format Indicator 1 means UTF-8 encoded character data
        ApplicationMessage message = message(1, "grüß".getBytes(StandardCharsets.UTF_8), 1);
        assertThat(PublishRules.message(message, 7, true)).isInstanceOf(PublishDecision.Store.class);
    }

    @Test
    void aQos1PayloadThatIsNotTheUtf8ItClaimsGetsPubAckPayloadFormatInvalid() {
        // MQTT 5 section 3.3.2.3.2: the receiver MAY validate the payload, and if it is not of the
        // indicated format send a PUBACK with Reason Code 0x99 (Payload format invalid)
        PublishDecision decision = PublishRules.message(message(1, NOT_UTF8, 1), 7, true);
        assertThat(decision).isInstanceOf(PublishReply.class);
        PublishReply reply = (PublishReply) decision;
        assertThat(reply.type()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(reply.packetId()).isEqualTo(7);
        assertThat(reply.reasonCode()).isEqualTo(MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue());
        assertThat(reply.why()).contains("UTF-8");
    }

    @Test
    void aQos2PayloadThatIsNotTheUtf8ItClaimsGetsPubRecPayloadFormatInvalid() {
        // MQTT 5 section 3.3.2.3.2: ... a PUBREC with Reason Code 0x99
        PublishReply reply = (PublishReply) PublishRules.message(message(2, NOT_UTF8, 1), 7, true);
        assertThat(reply.type()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(reply.reasonCode()).isEqualTo(MqttReasonCodes.PubRec.PAYLOAD_FORMAT_INVALID.byteValue());
    }

    @Test
    void aQos0PayloadThatIsNotTheUtf8ItClaimsDisconnectsWithPayloadFormatInvalid() {
        // MQTT 5 section 3.3.2.3.2: ... or a DISCONNECT with Reason Code 0x99 (QoS 0 has no reply)
        assertThat(reason(PublishRules.message(message(0, NOT_UTF8, 1), 0, true)))
                .isEqualTo(MqttReasonCodes.Disconnect.PAYLOAD_FORMAT_INVALID);
    }

    @Test
    void bytesWithoutAPayloadFormatIndicatorAreStoredAsTheyAre() {
        // MQTT 5 section 3.3.2.3.2: Payload Format Indicator 0 (or absent) means unspecified bytes
        assertThat(PublishRules.message(message(1, NOT_UTF8, null), 7, true)).isInstanceOf(PublishDecision.Store.class);
        assertThat(PublishRules.message(message(1, NOT_UTF8, 0), 7, true)).isInstanceOf(PublishDecision.Store.class);
    }

    @Test
    void anMqtt311PayloadIsNeverChecked() {
        // MQTT 3.1.1 section 3.3.3: the payload's content and format are application specific
        assertThat(PublishRules.message(message(1, NOT_UTF8, 1), 7, false)).isInstanceOf(PublishDecision.Store.class);
    }

    // ---- QoS 2 re-sends, Receive Maximum -----------------------------------------------------------

    @Test
    void aNewQos2MessageIsStored() {
        // MQTT-4.3.3-8: the receiver MUST respond with PUBREC when it receives a QoS 2 PUBLISH
        PublishDecision.Store store = new PublishDecision.Store(message(2, new byte[0], null), 9);
        assertThat(PublishRules.qos2(store, null)).isSameAs(store);
    }

    @Test
    void aQos2ReSendAfterPubRecIsAnsweredAgainAndNotStored() {
        // MQTT-4.3.3-10: until PUBREL, the receiver MUST acknowledge a PUBLISH with the same Packet
        // Identifier by sending a PUBREC, and MUST NOT cause duplicate messages to be delivered
        PublishDecision.Store store = new PublishDecision.Store(message(2, new byte[0], null), 9);
        assertThat(PublishRules.qos2(store, InboundQos2.State.STORED))
                .isEqualTo(new PublishReply(MqttMessageType.PUBREC, 9, (byte) 0, null));
    }

    @Test
    void aQos2ReSendWhileTheFirstCopyIsStoringWaitsForThatCopysPubRec() {
        // MQTT-4.3.3-10: not stored twice; the PUBREC of the first copy answers both
        PublishDecision.Store store = new PublishDecision.Store(message(2, new byte[0], null), 9);
        assertThat(PublishRules.qos2(store, InboundQos2.State.STORING)).isEqualTo(PublishDecision.Ignore.INSTANCE);
    }

    @Test
    void goingOverTheReceiveMaximumDisconnectsWithReceiveMaximumExceeded() {
        // MQTT-3.3.4-7 is the client's duty; MQTT 5 section 3.3.4: a Server receiving more than
        // Receive Maximum unacknowledged QoS 1 and 2 PUBLISH packets uses DISCONNECT 0x93
        assertThat(PublishRules.receiveMaximumExceeded().reason())
                .isEqualTo(MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED);
    }

    // ---- once stored --------------------------------------------------------------------------------

    @Test
    void aStoredQos1MessageGetsPubAckSuccess() {
        // MQTT-4.3.2-4: the receiver MUST respond with a PUBACK having accepted ownership of the message
        assertThat(PublishRules.stored(1, 5, null))
                .isEqualTo(new PublishReply(MqttMessageType.PUBACK, 5, (byte) 0, null));
    }

    @Test
    void aStoredQos2MessageGetsPubRecSuccess() {
        // MQTT-4.3.3-8: the receiver MUST respond with a PUBREC containing the Reason Code
        assertThat(PublishRules.stored(2, 5, null))
                .isEqualTo(new PublishReply(MqttMessageType.PUBREC, 5, (byte) 0, null));
    }

    @Test
    void aMessageTheLogCouldNotStoreGetsUnspecifiedErrorNeverSuccess() {
        // MQTT 5 section 3.4.2.1: 0x80 Unspecified error; a PUBACK of success would be a lie (MQTT-4.3.2-4)
        PublishReply reply = PublishRules.stored(1, 5, new CompletionException(new IllegalStateException("down")));
        assertThat(reply.type()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(reply.reasonCode()).isEqualTo(MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue());
        assertThat(reply.why()).isEqualTo("the message could not be stored: IllegalStateException");
    }

    @Test
    void aMessagePastTheOutageLimitSaysSo() {
        // MQTT 5 section 3.5.2.1: PUBREC 0x80 Unspecified error, with the reason as text
        PublishReply reply = PublishRules.stored(2, 5, new TimeoutException("Kafka was away for 300 s"));
        assertThat(reply.type()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(reply.reasonCode()).isEqualTo(MqttReasonCodes.PubRec.UNSPECIFIED_ERROR.byteValue());
        assertThat(reply.why()).isEqualTo("Kafka was away for 300 s");
    }

    @Test
    void aMessageKafkaRefusedAsTooLargeGetsPacketTooLargeNamingTheTopic() {
        PublishReply reply = PublishRules.stored(
                1, 5, new CompletionException(new MessageTooLargeException("telemetry", 4096, null)));
        assertThat(reply.type()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(reply.reasonCode()).isEqualTo(MqttReasonCodes.Disconnect.PACKET_TOO_LARGE.byteValue());
        assertThat(reply.why()).contains("telemetry").contains("4096 bytes");
    }

    @Test
    void aPayloadItsTopicsSchemaRefusesGetsPayloadFormatInvalidSayingWhy() {
        PublishReply reply = PublishRules.stored(
                2,
                5,
                new CompletionException(new PayloadInvalidException("telemetry", "temperature is missing", true)));
        assertThat(reply.type()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(reply.reasonCode()).isEqualTo(MqttReasonCodes.PubRec.PAYLOAD_FORMAT_INVALID.byteValue());
        assertThat(reply.why()).contains("telemetry").contains("temperature is missing");
        assertThat(reply.closesMqtt3()).as("the rule's reject-mqtt3: close").isTrue();
    }

    // ---- PUBREL -------------------------------------------------------------------------------------

    @Test
    void pubRelIsAnsweredWithPubCompOfTheSamePacketId() {
        // MQTT-4.3.3-11: the receiver MUST respond to a PUBREL by sending a PUBCOMP with the same id
        assertThat(PublishRules.released(4, true))
                .isEqualTo(new PublishReply(MqttMessageType.PUBCOMP, 4, (byte) 0, null));
    }

    @Test
    void pubRelOfAnUnknownPacketIdGetsPacketIdentifierNotFound() {
        // MQTT 5 section 3.7.2.1: PUBCOMP 0x92 Packet Identifier not found
        assertThat(PublishRules.released(4, false))
                .isEqualTo(new PublishReply(
                        MqttMessageType.PUBCOMP,
                        4,
                        MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue(),
                        null));
    }

    private static MqttReasonCodes.Disconnect reason(Object decision) {
        assertThat(decision).isInstanceOf(Disconnect.class);
        return ((Disconnect) decision).reason();
    }

    private static ApplicationMessage message(int qos, byte[] payload, Integer payloadFormat) {
        return new ApplicationMessage(
                "a/b",
                payload,
                qos,
                false,
                "client",
                0,
                new ApplicationMessage.Properties(payloadFormat, null, null, null, null, List.of()));
    }
}
