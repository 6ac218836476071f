package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.replay.ReplayRequest;
import io.wharf.schemas.topic.TopicFilter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscribeRulesTest {

    private static final SubscribeRules.Terms MQTT5 =
            new SubscribeRules.Terms(true, filter -> true, filter -> false, replay -> true);

    // ---- the packet ---------------------------------------------------------------------------------

    @Test
    void aSubscribeWithFiltersAndNoIdentifierIsFine() {
        // MQTT 5 section 3.8.2.1.2: a Subscription Identifier is optional, from 1 to 268,435,455
        assertThat(SubscribeRules.checkPacket(null, 1)).isEmpty();
        assertThat(SubscribeRules.checkPacket(268_435_455, 1)).isEmpty();
    }

    @Test
    void aSubscribeWithoutTopicFiltersIsAProtocolError() {
        // MQTT-3.8.3-2: the Payload MUST contain at least one Topic Filter and Subscription Options pair
        assertThat(SubscribeRules.checkPacket(null, 0).map(Disconnect::reason))
                .contains(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    @Test
    void subscriptionIdentifierZeroIsAProtocolError() {
        // MQTT 5 section 3.8.2.1.2: it is a Protocol Error if the Subscription Identifier has a value of 0
        assertThat(SubscribeRules.checkPacket(0, 1).map(Disconnect::reason))
                .contains(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    // ---- ordinary filters ---------------------------------------------------------------------------

    @Test
    void aValidFilterIsSubscribedWithTheOptionsAsked() {
        // MQTT-3.8.4-6: a Reason Code for each Topic Filter; the options are kept as asked (section 3.8.3.1)
        SubscribeDecision decision = SubscribeRules.decide(new SubscriptionRequest("a/+", 1, true, true, 0), 7, MQTT5);
        assertThat(decision)
                .isEqualTo(new SubscribeDecision.Subscribe(
                        TopicFilter.parse("a/+"), new SubscriptionOptions(1, true, true, 0, 7), true));
        assertThat(SubscribeRules.code(decision)).isEqualTo(MqttReasonCodes.SubAck.GRANTED_QOS_1);
    }

    @Test
    void theGrantedQosIsTheOneAsked() {
        // MQTT-3.8.4-7: the Reason Code shows the maximum QoS granted for that Subscription
        assertThat(SubscribeRules.code(SubscribeRules.decide(request("a", 0), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.GRANTED_QOS_0);
        assertThat(SubscribeRules.code(SubscribeRules.decide(request("a", 2), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.GRANTED_QOS_2);
    }

    @Test
    void anInvalidFilterIsRefusedWithTopicFilterInvalid() {
        // MQTT-4.7.1-1 / MQTT-4.7.1-2: '#' must be last and alone in its level, '+' alone in its level
        assertThat(refusal(SubscribeRules.decide(request("a/#/b", 1), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
        assertThat(refusal(SubscribeRules.decide(request("a+", 1), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
    }

    @Test
    void aFilterThePermissionRefusesIsNotAuthorized() {
        // MQTT 5 section 3.9.3: 0x87 Not authorized (3.1.1 sends 0x80, see ProtocolRepliesTest)
        SubscribeRules.Terms denying = new SubscribeRules.Terms(
                true, filter -> !filter.equals(TopicFilter.parse("secret/#")), filter -> false, replay -> true);
        assertThat(refusal(SubscribeRules.decide(request("secret/#", 1), null, denying)))
                .isEqualTo(MqttReasonCodes.SubAck.NOT_AUTHORIZED);
        assertThat(SubscribeRules.decide(request("open/#", 1), null, denying))
                .isInstanceOf(SubscribeDecision.Subscribe.class);
    }

    // ---- Retain Handling ----------------------------------------------------------------------------

    @Test
    void retainHandling0SendsRetainedMessages() {
        // MQTT-3.3.1-9: with Retain Handling 0 the Server MUST send the matching retained messages
        SubscribeRules.Terms existing = new SubscribeRules.Terms(true, f -> true, f -> true, r -> true);
        assertThat(sendsRetained(SubscribeRules.decide(retainHandling(0), null, existing)))
                .isTrue();
    }

    @Test
    void retainHandling1SendsRetainedMessagesOnlyForANewSubscription() {
        // MQTT-3.3.1-10: with Retain Handling 1, only if the subscription did not already exist
        SubscribeRules.Terms existing = new SubscribeRules.Terms(true, f -> true, f -> true, r -> true);
        assertThat(sendsRetained(SubscribeRules.decide(retainHandling(1), null, MQTT5)))
                .isTrue();
        assertThat(sendsRetained(SubscribeRules.decide(retainHandling(1), null, existing)))
                .isFalse();
    }

    @Test
    void retainHandling2NeverSendsRetainedMessages() {
        // MQTT-3.3.1-11: with Retain Handling 2 the Server MUST NOT send the retained messages
        assertThat(sendsRetained(SubscribeRules.decide(retainHandling(2), null, MQTT5)))
                .isFalse();
    }

    @Test
    void mqtt311AlwaysSendsRetainedMessages() {
        // MQTT-3.8.4-3 (3.1.1): a replaced subscription's matching retained messages are re-sent
        SubscribeRules.Terms mqtt311Existing = new SubscribeRules.Terms(false, f -> true, f -> true, r -> true);
        assertThat(sendsRetained(SubscribeRules.decide(request("a", 1), null, mqtt311Existing)))
                .isTrue();
    }

    // ---- shared subscriptions -----------------------------------------------------------------------

    @Test
    void aSharedSubscriptionJoinsItsGroup() {
        // MQTT 5 section 4.8.2: $share/{ShareName}/{filter}
        SubscribeDecision decision = SubscribeRules.decide(request("$share/g/a/#", 1), null, MQTT5);
        assertThat(decision).isInstanceOf(SubscribeDecision.Shared.class);
        SubscribeDecision.Shared shared = (SubscribeDecision.Shared) decision;
        assertThat(shared.subscription().shareName()).isEqualTo("g");
        assertThat(shared.subscription().filter()).isEqualTo(TopicFilter.parse("a/#"));
        assertThat(SubscribeRules.code(decision)).isEqualTo(MqttReasonCodes.SubAck.GRANTED_QOS_1);
    }

    @Test
    void aSharedSubscriptionWithoutAShareNameOrFilterIsTopicFilterInvalid() {
        // MQTT-4.8.2-1: a ShareName MUST be at least one character long; MQTT-4.8.2-2: it MUST NOT
        // contain '/', '+' or '#' and MUST be followed by '/' and a Topic Filter
        assertThat(refusal(SubscribeRules.decide(request("$share//a", 1), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
        assertThat(refusal(SubscribeRules.decide(request("$share/g", 1), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
        assertThat(refusal(SubscribeRules.decide(request("$share/g+/a", 1), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        // MQTT-3.8.3-4: it is a Protocol Error to set the No Local bit to 1 on a Shared Subscription
        SubscribeDecision decision =
                SubscribeRules.decide(new SubscriptionRequest("$share/g/a", 1, true, false, 0), null, MQTT5);
        assertThat(decision).isInstanceOf(Disconnect.class);
        assertThat(((Disconnect) decision).reason()).isEqualTo(MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
    }

    @Test
    void aSharedSubscriptionIntoADeniedFilterIsNotAuthorized() {
        // MQTT 5 section 3.9.3: 0x87 Not authorized; the group's filter is what is checked
        SubscribeRules.Terms denying = new SubscribeRules.Terms(true, f -> false, f -> false, r -> true);
        assertThat(refusal(SubscribeRules.decide(request("$share/g/a", 1), null, denying)))
                .isEqualTo(MqttReasonCodes.SubAck.NOT_AUTHORIZED);
    }

    // ---- replays ------------------------------------------------------------------------------------

    @Test
    void aReplayStartsFromTheLog() {
        // Wharf's own $replay/{from}[/{to}]/{filter} (README): granted like any subscription (MQTT-3.8.4-7)
        SubscribeDecision decision = SubscribeRules.decide(request("$replay/2026-01-01T00:00:00Z/a/#", 1), null, MQTT5);
        assertThat(decision).isInstanceOf(SubscribeDecision.Replay.class);
        ReplayRequest replay = ((SubscribeDecision.Replay) decision).request();
        assertThat(replay.filter()).isEqualTo(TopicFilter.parse("a/#"));
        assertThat(SubscribeRules.code(decision)).isEqualTo(MqttReasonCodes.SubAck.GRANTED_QOS_1);
    }

    @Test
    void aReplayThatCannotBeParsedIsTopicFilterInvalid() {
        // MQTT 5 section 3.9.3: 0x8F Topic Filter invalid for a replay whose start is no time
        assertThat(refusal(SubscribeRules.decide(request("$replay/yesterday/a", 1), null, MQTT5)))
                .isEqualTo(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
    }

    @Test
    void aReplayIntoADeniedFilterIsNotAuthorized() {
        // MQTT 5 section 3.9.3: 0x87 Not authorized; a replay reads no more than a subscription could
        SubscribeRules.Terms denying = new SubscribeRules.Terms(true, f -> false, f -> false, r -> true);
        assertThat(refusal(SubscribeRules.decide(request("$replay/2026-01-01T00:00:00Z/a", 1), null, denying)))
                .isEqualTo(MqttReasonCodes.SubAck.NOT_AUTHORIZED);
    }

    @Test
    void aReplayBeyondTheSessionsRoomIsQuotaExceeded() {
        // MQTT 5 section 3.9.3: 0x97 Quota exceeded
        SubscribeRules.Terms full = new SubscribeRules.Terms(true, f -> true, f -> false, r -> false);
        assertThat(refusal(SubscribeRules.decide(request("$replay/2026-01-01T00:00:00Z/a", 1), null, full)))
                .isEqualTo(MqttReasonCodes.SubAck.QUOTA_EXCEEDED);
    }

    // ---- SUBACK after a failed set-up ---------------------------------------------------------------

    @Test
    void subscriptionsThatCouldNotBeSetUpFailWithUnspecifiedErrorAndRefusalsKeepTheirReason() {
        // MQTT-3.8.4-7: each Reason Code shows the QoS granted or that the subscription failed
        assertThat(SubscribeRules.setUpFailed(List.of(
                        MqttReasonCodes.SubAck.GRANTED_QOS_0,
                        MqttReasonCodes.SubAck.NOT_AUTHORIZED,
                        MqttReasonCodes.SubAck.GRANTED_QOS_2)))
                .containsExactly(
                        MqttReasonCodes.SubAck.UNSPECIFIED_ERROR,
                        MqttReasonCodes.SubAck.NOT_AUTHORIZED,
                        MqttReasonCodes.SubAck.UNSPECIFIED_ERROR);
    }

    private static SubscriptionRequest request(String filter, int qos) {
        return new SubscriptionRequest(filter, qos, false, false, 0);
    }

    private static SubscriptionRequest retainHandling(int handling) {
        return new SubscriptionRequest("a/b", 1, false, false, handling);
    }

    private static MqttReasonCodes.SubAck refusal(SubscribeDecision decision) {
        assertThat(decision).isInstanceOf(SubscribeDecision.Refused.class);
        return Optional.of((SubscribeDecision.Refused) decision)
                .map(SubscribeDecision.Refused::reason)
                .orElseThrow();
    }

    private static boolean sendsRetained(SubscribeDecision decision) {
        assertThat(decision).isInstanceOf(SubscribeDecision.Subscribe.class);
        return ((SubscribeDecision.Subscribe) decision).sendRetained();
    }
}
