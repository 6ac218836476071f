package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a CONNECT decides: refusals with the code of the client's version, and the terms agreed. */
class ConnectRulesTest {

    private static final ProtocolSettings SETTINGS = ProtocolSettings.defaults();
    private static final long NOW_MS = 1_700_000_000_000L;

    @Test
    void willQosOrRetainWithoutAWillIsMalformed() {
        // [MQTT-3.1.2-11], [MQTT-3.1.2-13]; MQTT 5: CONNACK 0x81, 3.1.1: close the connection
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).willQos(1))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET);
        assertThat(decide(connect(MqttVersion.MQTT_3_1_1).willRetain())).isInstanceOf(ConnectDecision.Violation.class);
    }

    @Test
    void willQos3IsMalformed() {
        // [MQTT-3.1.2-14] (3.1.1), MQTT 5 section 3.1.2.6: a will QoS of 3 is malformed
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).will("w/t", "bye").willQos(3))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET);
    }

    @Test
    void anMqtt311PasswordWithoutAUserNameClosesTheConnection() {
        // [MQTT-3.1.2-22]
        assertThat(decide(connect(MqttVersion.MQTT_3_1_1).passwordOnly()))
                .isInstanceOf(ConnectDecision.Violation.class);
    }

    @Test
    void enhancedAuthenticationIsRefusedWithBadAuthenticationMethod() {
        // MQTT 5 section 4.12: a method the server does not support gets 0x8C
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-1"));
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).properties(properties))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD);
    }

    @Test
    void aReceiveMaximumOfZeroIsAProtocolError() {
        // MQTT 5 section 3.1.2.11.3: it is a Protocol Error to include the Receive Maximum with 0
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 0));
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).properties(properties))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR);
    }

    @Test
    void anEmptyClientIdGetsOneAssignedOnlyWithACleanSessionIn311() {
        // [MQTT-3.1.3-6], [MQTT-3.1.3-8]: 3.1.1 refuses an empty id without clean session with 0x02
        assertThat(refusal(decide(connect(MqttVersion.MQTT_3_1_1).clientId("").persistent())))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        ConnectDecision.Accepted clean = (ConnectDecision.Accepted)
                decide(connect(MqttVersion.MQTT_3_1_1).clientId(""));
        assertThat(clean.assignedId()).isTrue();
        assertThat(clean.clientId()).isNotEmpty();
        // MQTT 5 section 3.1.3.1: the server assigns one whatever Clean Start says
        assertThat(((ConnectDecision.Accepted)
                                decide(connect(MqttVersion.MQTT_5).clientId("").persistent()))
                        .assignedId())
                .isTrue();
    }

    @Test
    void aClientIdLongerThanAllowedIsRejectedWithTheCodeOfItsVersion() {
        // MQTT 5 section 3.2.2.2: 0x85 Client Identifier not valid; 3.1.1 section 3.2.2.3: 0x02
        String tooLong = "c".repeat(SETTINGS.maxClientIdLength() + 1);
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).clientId(tooLong))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(refusal(decide(connect(MqttVersion.MQTT_3_1_1).clientId(tooLong))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
    }

    @Test
    void theSessionExpiryIsCappedAndAnMqtt5ClientIsToldSo() {
        // MQTT 5 section 3.2.2.3.2: the server may use a shorter Session Expiry Interval and says so
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 0xFFFF_FFFF));
        ConnectDecision.Accepted mqtt5 =
                (ConnectDecision.Accepted) decide(connect(MqttVersion.MQTT_5).properties(properties));
        assertThat(mqtt5.sessionExpirySeconds()).isEqualTo(SETTINGS.maxSessionExpirySeconds());
        assertThat(mqtt5.sessionExpiryChanged()).isTrue();

        // 3.1.1 without clean session: the session lasts as long as the edge keeps sessions at all
        ConnectDecision.Accepted mqtt311 = (ConnectDecision.Accepted)
                decide(connect(MqttVersion.MQTT_3_1_1).persistent());
        assertThat(mqtt311.sessionExpirySeconds()).isEqualTo(SETTINGS.maxSessionExpirySeconds());
        assertThat(mqtt311.sessionExpiryChanged())
                .as("3.1.1 has no property to say it")
                .isFalse();
        assertThat(((ConnectDecision.Accepted) decide(connect(MqttVersion.MQTT_3_1_1))).sessionExpirySeconds())
                .isZero();
    }

    @Test
    void anInvalidWillTopicIsRefusedWithTheCodeOfItsVersion() {
        // MQTT 5 section 3.2.2.2: 0x90 Topic Name invalid; 3.1.1 [MQTT-3.1.3-10]: close
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).will("w/+", "bye"))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID);
        assertThat(decide(connect(MqttVersion.MQTT_3_1_1).will("w/#", "bye")))
                .isInstanceOf(ConnectDecision.Violation.class);
    }

    @Test
    void aWillWhosePayloadIsNotTheUtf8ItsFormatSaysIsRefused() {
        // [MQTT-3.1.3-11]: 0x99 Payload format invalid
        MqttProperties will = new MqttProperties();
        will.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        assertThat(refusal(decide(connect(MqttVersion.MQTT_5).will("w/t", new byte[] {(byte) 0xff}, will))))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_PAYLOAD_FORMAT_INVALID);
    }

    @Test
    void anAcceptedWillIsStampedAndKeepsItsDelay() {
        // MQTT 5 section 3.1.3.2.2: Will Delay Interval
        MqttProperties will = new MqttProperties();
        will.add(new MqttProperties.IntegerProperty(MqttProperties.WILL_DELAY_INTERVAL, 30));
        ConnectDecision.Accepted accepted = (ConnectDecision.Accepted)
                decide(connect(MqttVersion.MQTT_5).will("w/t", "bye".getBytes(StandardCharsets.UTF_8), will));
        assertThat(accepted.will().topic()).isEqualTo("w/t");
        assertThat(accepted.will().publisherId()).isEqualTo("c1");
        assertThat(accepted.will().timestampMs()).isEqualTo(NOW_MS);
        assertThat(accepted.willDelaySeconds()).isEqualTo(30);
    }

    @Test
    void aConnectNettyCouldNotDecodeIsAnsweredAsItsVersionAllows() {
        // MQTT 5 section 3.2.2.2: 0x84 unsupported version, 0x85 client id, 0x81 malformed;
        // 3.1.1 section 3.2.2.3: 0x01 and 0x02, and no code for other malformed packets (close)
        assertThat(ConnectRules.malformedConnect(
                        MqttVersion.MQTT_5, new MqttUnacceptableProtocolVersionException("level 9")))
                .contains(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        assertThat(ConnectRules.malformedConnect(MqttVersion.MQTT_5, new MqttIdentifierRejectedException("x")))
                .contains(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(ConnectRules.malformedConnect(MqttVersion.MQTT_3_1_1, new MqttIdentifierRejectedException("x")))
                .contains(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
        assertThat(ConnectRules.malformedConnect(MqttVersion.MQTT_5, new DecoderException("bad")))
                .contains(MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET);
        assertThat(ConnectRules.malformedConnect(MqttVersion.MQTT_3_1_1, new DecoderException("bad")))
                .isEmpty();
    }

    private static ConnectDecision decide(Connect connect) {
        return ConnectRules.decide(connect.build(), SETTINGS, NOW_MS);
    }

    /** The CONNACK code of a refusal. */
    private static MqttConnectReturnCode refusal(ConnectDecision decision) {
        assertThat(decision).isInstanceOf(ConnectDecision.Refused.class);
        return ((ConnectDecision.Refused) decision).code();
    }

    private static Connect connect(MqttVersion version) {
        return new Connect(version);
    }

    /** A CONNECT with every field at hand, including the values Netty's builder cannot express. */
    private static final class Connect {
        private final MqttVersion version;
        private String clientId = "c1";
        private boolean cleanSession = true;
        private int willQos;
        private boolean willRetain;
        private boolean willFlag;
        private String willTopic;
        private byte[] willPayload;
        private MqttProperties willProperties = MqttProperties.NO_PROPERTIES;
        private boolean passwordOnly;
        private MqttProperties properties = MqttProperties.NO_PROPERTIES;

        Connect(MqttVersion version) {
            this.version = version;
        }

        Connect clientId(String id) {
            clientId = id;
            return this;
        }

        Connect persistent() {
            cleanSession = false;
            return this;
        }

        Connect willQos(int qos) {
            willQos = qos;
            return this;
        }

        Connect willRetain() {
            willRetain = true;
            return this;
        }

        Connect will(String topic, String payload) {
            return will(topic, payload.getBytes(StandardCharsets.UTF_8), MqttProperties.NO_PROPERTIES);
        }

        Connect will(String topic, byte[] payload, MqttProperties properties) {
            willFlag = true;
            willTopic = topic;
            willPayload = payload;
            willProperties = properties;
            return this;
        }

        Connect passwordOnly() {
            passwordOnly = true;
            return this;
        }

        Connect properties(MqttProperties connectProperties) {
            properties = connectProperties;
            return this;
        }

        MqttConnectMessage build() {
            MqttConnectVariableHeader header = new MqttConnectVariableHeader(
                    version.protocolName(),
                    version.protocolLevel(),
                    false,
                    passwordOnly,
                    willRetain,
                    willQos,
                    willFlag,
                    cleanSession,
                    60,
                    properties);
            MqttConnectPayload payload = new MqttConnectPayload(
                    clientId, willProperties, willTopic, willPayload, null, passwordOnly ? new byte[] {1} : null);
            return new MqttConnectMessage(
                    new MqttFixedHeader(MqttMessageType.CONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    header,
                    payload);
        }
    }
}
