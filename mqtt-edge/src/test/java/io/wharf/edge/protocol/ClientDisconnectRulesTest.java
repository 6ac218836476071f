package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import org.junit.jupiter.api.Test;

class ClientDisconnectRulesTest {

    private static final long MAX_EXPIRY = 3600;
    private static final byte NORMAL = MqttReasonCodes.Disconnect.NORMAL_DISCONNECT.byteValue();
    private static final byte WITH_WILL = MqttReasonCodes.Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue();

    @Test
    void aNormalDisconnectDiscardsTheWill() {
        // MQTT-3.14.4-3: on DISCONNECT with Reason Code 0x00 the Server MUST discard the Will Message
        assertThat(ClientDisconnectRules.decide(NORMAL, null, 60, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(false, null));
    }

    @Test
    void disconnectWithWillMessageKeepsTheWill() {
        // MQTT 5 section 3.14.2.1: 0x04 Disconnect with Will Message, the Server publishes the will
        assertThat(ClientDisconnectRules.decide(WITH_WILL, null, 60, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(true, null));
    }

    @Test
    void aDisconnectWithAnErrorReasonKeepsTheWill() {
        // MQTT-3.14.4-3 discards the will only for 0x00; MQTT-3.1.2-8: otherwise it is published
        byte unspecifiedError = MqttReasonCodes.Disconnect.UNSPECIFIED_ERROR.byteValue();
        assertThat(ClientDisconnectRules.decide(unspecifiedError, null, 60, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(true, null));
    }

    @Test
    void theSessionExpiryCanChangeAtDisconnect() {
        // MQTT 5 section 3.14.2.2.2: Session Expiry Interval in DISCONNECT
        assertThat(ClientDisconnectRules.decide(NORMAL, 120, 60, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(false, 120L));
        assertThat(ClientDisconnectRules.decide(NORMAL, 0, 60, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(false, 0L));
    }

    @Test
    void theNewSessionExpiryIsCappedToTheEdgesMaximum() {
        // MQTT 5 section 3.2.2.3.2: the Server may use a shorter Session Expiry Interval than asked;
        // 0xFFFFFFFF (never expires) is read unsigned
        assertThat(ClientDisconnectRules.decide(NORMAL, 0xFFFF_FFFF, 60, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(false, MAX_EXPIRY));
    }

    @Test
    void aSessionExpiryAfterZeroInConnectIsAProtocolError() {
        // MQTT 5 section 3.14.2.2.2: if the Session Expiry Interval in CONNECT was zero, it is a
        // Protocol Error to set a non-zero Session Expiry Interval in the client's DISCONNECT
        ClientDisconnectDecision decision = ClientDisconnectRules.decide(NORMAL, 60, 0, MAX_EXPIRY);
        assertThat(decision).isInstanceOf(Disconnect.class);
        assertThat(((Disconnect) decision).reason()).isEqualTo(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    @Test
    void zeroAfterZeroInConnectIsFine() {
        // MQTT 5 section 3.14.2.2.2: only a non-zero interval after zero is the error
        assertThat(ClientDisconnectRules.decide(NORMAL, 0, 0, MAX_EXPIRY))
                .isEqualTo(new ClientDisconnectDecision.Close(false, 0L));
    }
}
