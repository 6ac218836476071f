package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolRepliesTest {

    private static final ClientLimits WANTS_PROBLEM_INFORMATION =
            new ClientLimits(100, ClientLimits.UNLIMITED_PACKET_SIZE, 0, true, false);
    private static final ClientLimits NO_PROBLEM_INFORMATION =
            new ClientLimits(100, ClientLimits.UNLIMITED_PACKET_SIZE, 0, false, false);

    private final ProtocolReplies mqtt5 = ProtocolReplies.of(MqttVersion.MQTT_5, WANTS_PROBLEM_INFORMATION);
    private final ProtocolReplies mqtt5Quiet = ProtocolReplies.of(MqttVersion.MQTT_5, NO_PROBLEM_INFORMATION);
    private final ProtocolReplies mqtt311 = ProtocolReplies.of(MqttVersion.MQTT_3_1_1, ClientLimits.mqtt3());

    private static final PublishReply FAILED_PUBACK = new PublishReply(
            MqttMessageType.PUBACK, 3, MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue(), "Kafka is away");

    @Test
    void theVersionIsChosenOnceFromConnect() {
        // MQTT 5 section 3.1.2.2 / 3.1.1 section 3.1.2.2: the Protocol Level in CONNECT sets the version
        assertThat(mqtt5).isInstanceOf(Mqtt5Replies.class);
        assertThat(mqtt311).isInstanceOf(Mqtt311Replies.class);
        assertThat(ProtocolReplies.of(MqttVersion.MQTT_3_1, ClientLimits.mqtt3()))
                .isInstanceOf(Mqtt311Replies.class);
    }

    @Test
    void mqtt5SendsAFailedPubAckWithItsReasonCodeAndReasonString() {
        // MQTT 5 section 3.4.2.1 (PUBACK reason codes) and 3.4.2.2.2 (Reason String)
        MqttMessage packet = packet(mqtt5.publishReply(FAILED_PUBACK));
        MqttPubReplyMessageVariableHeader header = (MqttPubReplyMessageVariableHeader) packet.variableHeader();
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(header.messageId()).isEqualTo(3);
        assertThat(header.reasonCode()).isEqualTo(MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue());
        assertThat(reasonString(header.properties())).isEqualTo("Kafka is away");
    }

    @Test
    void mqtt5TellsOfAPacketTooLargeForKafkaByDisconnectAsPubAckHasNoSuchCode() {
        // MQTT 5 section 3.4.2.1 lists no 0x95 for PUBACK (nor 3.5.2.1 for PUBREC); DISCONNECT has it
        Outgoing outgoing = mqtt5.publishReply(
                new PublishReply(MqttMessageType.PUBACK, 3, PublishReply.PACKET_TOO_LARGE, "topic t: 4096 bytes"));
        assertThat(outgoing)
                .isEqualTo(new Disconnect(MqttReasonCodes.Disconnect.PACKET_TOO_LARGE, "topic t: 4096 bytes"));
    }

    @Test
    void mqtt5SendsNoReasonStringToAClientThatAskedForNoProblemInformation() {
        // MQTT-3.1.2-29: with Request Problem Information 0 the Server MUST NOT send a Reason String
        // except in PUBLISH, CONNACK or DISCONNECT
        MqttMessage packet = packet(mqtt5Quiet.publishReply(FAILED_PUBACK));
        MqttPubReplyMessageVariableHeader header = (MqttPubReplyMessageVariableHeader) packet.variableHeader();
        assertThat(header.reasonCode()).isEqualTo(MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue());
        assertThat(header.properties().isEmpty()).isTrue();
    }

    @Test
    void mqtt5SendsPubRelPacketIdentifierNotFound() {
        // MQTT 5 section 3.6.2.1: PUBREL 0x92 Packet Identifier not found
        MqttMessage packet = packet(mqtt5.publishReply(DeliveryAckRules.unknownPubRec(8)));
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
        assertThat(((MqttPubReplyMessageVariableHeader) packet.variableHeader()).reasonCode())
                .isEqualTo(MqttReasonCodes.PubRel.PACKET_IDENTIFIER_NOT_FOUND.byteValue());
    }

    @Test
    void mqtt311SendsASuccessfulPubAck() {
        // MQTT-4.3.2-2 (3.1.1): the receiver MUST respond with a PUBACK containing the Packet Identifier
        MqttMessage packet = packet(mqtt311.publishReply(PublishReply.success(MqttMessageType.PUBACK, 3)));
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(((MqttPubReplyMessageVariableHeader) packet.variableHeader()).messageId())
                .isEqualTo(3);
    }

    @Test
    void mqtt311HasNoNegativePubAckSoTheClientIsDisconnected() {
        // MQTT 3.1.1 section 3.4: PUBACK has no return code; acknowledging would say the message is
        // stored (MQTT-4.3.2-2), so the connection closes and the client re-sends it (MQTT-4.4.0-1)
        Outgoing outgoing = mqtt311.publishReply(FAILED_PUBACK);
        assertThat(outgoing).isInstanceOf(Disconnect.class);
        assertThat(((Disconnect) outgoing).reason()).isEqualTo(MqttReasonCodes.Disconnect.UNSPECIFIED_ERROR);
        assertThat(((Disconnect) outgoing).why()).contains("PUBACK").contains("Kafka is away");
    }

    @Test
    void mqtt311HasNoNegativePubRecSoTheClientIsDisconnected() {
        // MQTT 3.1.1 section 3.5: PUBREC has no return code
        Outgoing outgoing = mqtt311.publishReply(
                new PublishReply(MqttMessageType.PUBREC, 3, MqttReasonCodes.PubRec.UNSPECIFIED_ERROR.byteValue(), "x"));
        assertThat(outgoing).isInstanceOf(Disconnect.class);
    }

    @Test
    void mqtt311AcknowledgesAndDropsAPayloadItsTopicsSchemaRefuses() {
        // MQTT-3.3.5-2 (3.1.1): a message the server will not process is acknowledged as usual or the
        // connection closed; sending it again would not make it fit, so it is acknowledged (and counted)
        MqttMessage packet = packet(mqtt311.publishReply(new PublishReply(
                MqttMessageType.PUBACK, 3, MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue(), "x")));
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
    }

    @Test
    void mqtt311IsDisconnectedForARefusedPayloadWhereTheRuleSaysClose() {
        // the other answer MQTT-3.3.5-2 allows, for rules whose devices must notice (reject-mqtt3: close)
        Outgoing outgoing = mqtt311.publishReply(new PublishReply(
                MqttMessageType.PUBACK,
                3,
                MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue(),
                "the payload does not fit the schema of Kafka topic telemetry: temperature is missing",
                true));
        assertThat(outgoing).isInstanceOf(Disconnect.class);
        assertThat(((Disconnect) outgoing).why()).contains("telemetry").contains("temperature is missing");
    }

    @Test
    void mqtt311AnswersEveryPubRelWithPubComp() {
        // MQTT-4.3.3-2 (3.1.1): the receiver MUST respond to a PUBREL by sending a PUBCOMP with the same id
        MqttMessage packet = packet(mqtt311.publishReply(PublishRules.released(4, false)));
        assertThat(packet.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
        MqttPubReplyMessageVariableHeader header = (MqttPubReplyMessageVariableHeader) packet.variableHeader();
        assertThat(header.messageId()).isEqualTo(4);
        assertThat(header.reasonCode()).isZero();
    }

    @Test
    void mqtt311SendsNoPubRelForAPubRecItKnowsNothingOf() {
        // MQTT 3.1.1 section 3.6: PUBREL has no return code to say the packet id is unknown
        assertThat(mqtt311.publishReply(DeliveryAckRules.unknownPubRec(8))).isEqualTo(Outgoing.Nothing.INSTANCE);
    }

    @Test
    void mqtt5SubAckCarriesEveryReasonCode() {
        // MQTT-3.8.4-6: a Reason Code for each Topic Filter / Subscription Option pair, in order (MQTT-3.9.3-1)
        MqttSubAckMessage subAck = (MqttSubAckMessage) mqtt5.subAck(
                6,
                List.of(
                        MqttReasonCodes.SubAck.GRANTED_QOS_1,
                        MqttReasonCodes.SubAck.NOT_AUTHORIZED,
                        MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID,
                        MqttReasonCodes.SubAck.QUOTA_EXCEEDED),
                "why");
        assertThat(subAck.payload().reasonCodes()).containsExactly(0x01, 0x87, 0x8F, 0x97);
        assertThat(subAck.idAndPropertiesVariableHeader().messageId()).isEqualTo(6);
        assertThat(reasonString(subAck.idAndPropertiesVariableHeader().properties()))
                .isEqualTo("why");
    }

    @Test
    void mqtt311SubAckHasOnly0x80ForAFailure() {
        // MQTT-3.9.3-2 (3.1.1): SUBACK return codes other than 0x00, 0x01, 0x02 and 0x80 MUST NOT be used
        MqttSubAckMessage subAck = (MqttSubAckMessage) mqtt311.subAck(
                6,
                List.of(
                        MqttReasonCodes.SubAck.GRANTED_QOS_0,
                        MqttReasonCodes.SubAck.GRANTED_QOS_2,
                        MqttReasonCodes.SubAck.NOT_AUTHORIZED,
                        MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID,
                        MqttReasonCodes.SubAck.UNSPECIFIED_ERROR),
                "why");
        assertThat(subAck.payload().reasonCodes()).containsExactly(0x00, 0x02, 0x80, 0x80, 0x80);
        assertThat(subAck.idAndPropertiesVariableHeader().properties().isEmpty())
                .isTrue();
    }

    @Test
    void mqtt5UnsubAckCarriesAReasonCodePerFilter() {
        // MQTT-3.11.3-1: the order of Reason Codes in UNSUBACK MUST match the order of Topic Filters
        MqttUnsubAckMessage unsubAck = (MqttUnsubAckMessage) mqtt5.unsubAck(
                2,
                List.of(
                        MqttReasonCodes.UnsubAck.SUCCESS,
                        MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED,
                        MqttReasonCodes.UnsubAck.TOPIC_FILTER_INVALID));
        assertThat(unsubAck.payload().unsubscribeReasonCodes())
                .containsExactly((short) 0x00, (short) 0x11, (short) 0x8F);
        assertThat(((MqttMessageIdAndPropertiesVariableHeader) unsubAck.variableHeader()).messageId())
                .isEqualTo(2);
    }

    @Test
    void mqtt311UnsubAckHasNoPayload() {
        // MQTT 3.1.1 section 3.11.3: the UNSUBACK packet has no payload
        MqttUnsubAckMessage unsubAck =
                (MqttUnsubAckMessage) mqtt311.unsubAck(2, List.of(MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED));
        assertThat(unsubAck.payload().unsubscribeReasonCodes()).isEmpty();
    }

    @Test
    void mqtt5ToldWhyTheServerDisconnectsEvenWithoutProblemInformation() {
        // MQTT 5 section 3.14.2.1: the server's DISCONNECT carries a reason code; 3.1.2.11.7 does
        // not cover DISCONNECT, so its Reason String goes along too
        MqttMessage disconnect = mqtt5Quiet
                .disconnect(MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED, "too many in flight")
                .orElseThrow();
        MqttReasonCodeAndPropertiesVariableHeader header =
                (MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader();
        assertThat(header.reasonCode()).isEqualTo((byte) 0x93);
        assertThat(reasonString(header.properties())).isEqualTo("too many in flight");
    }

    @Test
    void mqtt311HasNoServerDisconnectSoTheSocketJustCloses() {
        // MQTT 3.1.1 section 3.14: DISCONNECT is sent by the client only
        assertThat(mqtt311.disconnect(MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT, "quiet"))
                .isEmpty();
    }

    @Test
    void serverUnavailableHasACodeOfEachVersion() {
        // MQTT 5 section 3.2.2.2: 0x88 Server unavailable; MQTT 3.1.1 section 3.2.2.3: 0x03
        assertThat(mqtt5.serverUnavailable().byteValue()).isEqualTo((byte) 0x88);
        assertThat(mqtt311.serverUnavailable().byteValue()).isEqualTo((byte) 0x03);
    }

    @Test
    void mqtt5ConnAckTellsTheLimitsAndWhatTheEdgeChanged() {
        // MQTT 5 section 3.2.2.3: Assigned Client Identifier, Server Keep Alive, Receive Maximum,
        // Maximum Packet Size, Topic Alias Maximum, Shared Subscription Available
        ProtocolSettings settings = ProtocolSettings.defaults();
        MqttProperties properties = mqtt5.connAckProperties(accepted(MqttVersion.MQTT_5), settings);

        assertThat(properties
                        .getProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER)
                        .value())
                .isEqualTo("auto-1");
        assertThat(properties.getProperty(MqttProperties.SERVER_KEEP_ALIVE).value())
                .isEqualTo(30);
        assertThat(properties.getProperty(MqttProperties.SESSION_EXPIRY_INTERVAL))
                .as("unchanged, so not repeated")
                .isNull();
        assertThat(properties.getProperty(MqttProperties.RECEIVE_MAXIMUM).value())
                .isEqualTo(settings.receiveMaximum());
        assertThat(properties.getProperty(MqttProperties.MAXIMUM_PACKET_SIZE).value())
                .isEqualTo(settings.maxPacketSize());
        assertThat(properties
                        .getProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE)
                        .value())
                .isEqualTo(1);
    }

    @Test
    void mqtt311ConnAckAndPublishCarryNoProperties() {
        // MQTT 3.1.1 sections 3.2 and 3.3: neither packet has properties
        assertThat(mqtt311.connAckProperties(accepted(MqttVersion.MQTT_3_1_1), ProtocolSettings.defaults())
                        .isEmpty())
                .isTrue();
        assertThat(mqtt311.publishProperties(messageExpiringIn(60), List.of(7), NOW_MS)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void mqtt5PublishCarriesTheExpiryLeftAndTheSubscriptionIds() {
        // MQTT 5 section 3.3.2.3.3: the expiry interval sent is what remains; 3.3.2.3.8: subscription ids
        MqttProperties properties = mqtt5.publishProperties(messageExpiringIn(60), List.of(7), NOW_MS + 20_000);

        assertThat(properties
                        .getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL)
                        .value())
                .isEqualTo(40);
        assertThat(properties
                        .getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER)
                        .value())
                .isEqualTo(7);
    }

    private static final long NOW_MS = 1_700_000_000_000L;

    private static ConnectDecision.Accepted accepted(MqttVersion version) {
        return new ConnectDecision.Accepted(
                version, "auto-1", true, true, 30, true, 0, false, WANTS_PROBLEM_INFORMATION, null, 0);
    }

    private static ApplicationMessage messageExpiringIn(long seconds) {
        ApplicationMessage.Properties properties =
                new ApplicationMessage.Properties(null, seconds, null, null, null, List.of());
        return new ApplicationMessage("t", new byte[] {1}, 1, false, "p", NOW_MS, properties);
    }

    private static MqttMessage packet(Outgoing outgoing) {
        assertThat(outgoing).isInstanceOf(Outgoing.Packet.class);
        return ((Outgoing.Packet) outgoing).message();
    }

    private static String reasonString(MqttProperties properties) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(MqttProperties.REASON_STRING);
        return property == null ? null : (String) property.value();
    }
}
