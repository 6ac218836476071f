package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.schemas.topic.TopicFilter;
import org.junit.jupiter.api.Test;

class UnsubscribeRulesTest {

    @Test
    void anUnsubscribeWithoutTopicFiltersIsAProtocolError() {
        // MQTT-3.10.3-2: the Payload of an UNSUBSCRIBE packet MUST contain at least one Topic Filter
        assertThat(UnsubscribeRules.checkPacket(0).map(Disconnect::reason))
                .contains(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
        assertThat(UnsubscribeRules.checkPacket(2)).isEmpty();
    }

    @Test
    void aFilterIsUnsubscribed() {
        // MQTT-3.10.4-1: the Topic Filters are compared character by character with the session's
        assertThat(UnsubscribeRules.decide("a/+"))
                .isEqualTo(new UnsubscribeDecision.Unsubscribe(TopicFilter.parse("a/+")));
    }

    @Test
    void aSharedSubscriptionIsLeft() {
        // MQTT 5 section 3.10.4: a Topic Filter naming a Shared Subscription removes the session from it
        UnsubscribeDecision decision = UnsubscribeRules.decide("$share/g/a/#");
        assertThat(decision).isInstanceOf(UnsubscribeDecision.LeaveShared.class);
        assertThat(((UnsubscribeDecision.LeaveShared) decision).subscription().shareName())
                .isEqualTo("g");
    }

    @Test
    void aReplayIsStoppedByItsText() {
        // MQTT-3.10.4-1: filters are compared character by character; Wharf's $replay subscriptions too
        assertThat(UnsubscribeRules.decide("$replay/2026-01-01T00:00:00Z/a"))
                .isEqualTo(new UnsubscribeDecision.StopReplay("$replay/2026-01-01T00:00:00Z/a"));
    }

    @Test
    void anInvalidFilterGetsTopicFilterInvalid() {
        // MQTT 5 section 3.11.3: UNSUBACK 0x8F Topic Filter invalid
        assertThat(UnsubscribeRules.decide("a/#/b")).isEqualTo(UnsubscribeDecision.Invalid.INSTANCE);
        assertThat(UnsubscribeRules.decide("$share//a")).isEqualTo(UnsubscribeDecision.Invalid.INSTANCE);
    }

    @Test
    void aSubscriptionThatExistedIsSuccessAndOneThatDidNotSaysSo() {
        // MQTT-3.10.4-5: even where no subscription is deleted, the Server MUST respond with UNSUBACK;
        // MQTT 5 section 3.11.3: 0x00 Success, 0x11 No subscription existed
        assertThat(UnsubscribeRules.code(true)).isEqualTo(MqttReasonCodes.UnsubAck.SUCCESS);
        assertThat(UnsubscribeRules.code(false)).isEqualTo(MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED);
    }
}
