package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one message goes to one client with one or more matching subscriptions. Message expiry and the
 * client's maximum packet size are decided where the PUBLISH is built, not here.
 */
class DeliveryPlanTest {

    private static final String CLIENT = "subscriber";

    @Test
    void theQosIsTheLowerOfThePublishedAndTheGrantedQos() {
        // [MQTT-3.8.4-8]
        assertThat(plan(message(2, false, "other"), List.of(SubscriptionOptions.ofQos(1)))
                        .qos())
                .isEqualTo(1);
        assertThat(plan(message(1, false, "other"), List.of(SubscriptionOptions.ofQos(2)))
                        .qos())
                .isEqualTo(1);
        assertThat(plan(message(2, false, "other"), List.of(SubscriptionOptions.ofQos(0)))
                        .qos())
                .isZero();
    }

    @Test
    void overlappingSubscriptionsGiveOneCopyAtTheirHighestQosNeverAboveThePublishedOne() {
        // [MQTT-3.3.4-2]
        List<SubscriptionOptions> matched = List.of(options(0, false, false, 0), options(2, false, false, 0));

        assertThat(plan(message(2, false, "other"), matched).qos()).isEqualTo(2);
        assertThat(plan(message(1, false, "other"), matched).qos()).isEqualTo(1);
    }

    @Test
    void oneCopyCarriesTheIdentifierOfEveryMatchingSubscriptionThatHasOne() {
        // [MQTT-3.3.4-3], [MQTT-3.3.4-4]
        List<SubscriptionOptions> matched =
                List.of(options(1, false, false, 4), options(0, false, false, 0), options(2, false, false, 9));

        assertThat(plan(message(1, false, "other"), matched).subscriptionIds()).containsExactly(4, 9);
    }

    @Test
    void anIdentifierSharedBySeveralMatchingSubscriptionsIsSentOnce() {
        List<SubscriptionOptions> matched = List.of(options(1, false, false, 4), options(2, false, false, 4));

        assertThat(plan(message(1, false, "other"), matched).subscriptionIds()).containsExactly(4);
    }

    @Test
    void subscriptionsWithoutIdentifiersGiveNone() {
        assertThat(plan(message(1, false, "other"), List.of(SubscriptionOptions.ofQos(1)))
                        .subscriptionIds())
                .isEmpty();
    }

    @Test
    void noSubscriptionMeansNoDelivery() {
        assertThat(plan(message(1, false, "other"), List.of())).isNull();
    }

    @Test
    void noLocalKeepsTheClientsOwnMessagesFromIt() {
        // [MQTT-3.8.3-3]
        assertThat(plan(message(1, false, CLIENT), List.of(options(1, true, false, 3))))
                .isNull();
    }

    @Test
    void noLocalStillDeliversOtherClientsMessagesAndMessagesFromKafka() {
        List<SubscriptionOptions> matched = List.of(options(1, true, false, 3));

        assertThat(plan(message(1, false, "other"), matched)).isEqualTo(new DeliveryPlan(1, false, List.of(3)));
        assertThat(plan(message(1, false, null), matched)).isEqualTo(new DeliveryPlan(1, false, List.of(3)));
    }

    @Test
    void withoutNoLocalTheClientGetsItsOwnMessages() {
        assertThat(plan(message(1, false, CLIENT), List.of(options(1, false, false, 0))))
                .isNotNull();
    }

    @Test
    void anOwnMessageGoesThroughTheOtherSubscriptionsOnlyWithTheirQosIdentifiersAndRetainOption() {
        // [MQTT-3.8.3-3]: the No Local subscription adds nothing to the copy the others cause
        List<SubscriptionOptions> matched = List.of(options(2, true, true, 5), options(1, false, false, 6));

        assertThat(plan(message(2, true, CLIENT), matched)).isEqualTo(new DeliveryPlan(1, false, List.of(6)));
    }

    @Test
    void aForwardedMessageLosesItsRetainFlagWithoutRetainAsPublished() {
        // [MQTT-3.3.1-12]
        assertThat(plan(message(1, true, "other"), List.of(options(1, false, false, 0)))
                        .retain())
                .isFalse();
    }

    @Test
    void retainAsPublishedKeepsTheFlagAsPublished() {
        // [MQTT-3.3.1-13]
        List<SubscriptionOptions> matched = List.of(options(1, false, true, 0));

        assertThat(plan(message(1, true, "other"), matched).retain()).isTrue();
        assertThat(plan(message(1, false, "other"), matched).retain()).isFalse();
    }

    @Test
    void oneOverlappingSubscriptionWithRetainAsPublishedKeepsTheFlag() {
        List<SubscriptionOptions> matched = List.of(options(1, false, false, 0), options(0, false, true, 0));

        assertThat(plan(message(1, true, "other"), matched).retain()).isTrue();
    }

    @Test
    void anMqtt311ClientNeverGetsTheRetainFlagOnAForwardedMessage() {
        // MQTT 3.1.1 [MQTT-3.3.1-9]: Retain As Published does not exist there
        DeliveryPlan plan =
                DeliveryPlan.of(message(1, true, "other"), List.of(options(1, false, true, 0)), CLIENT, false, false);

        assertThat(plan.retain()).isFalse();
    }

    @Test
    void aRetainedMessageSentBecauseOfANewSubscriptionCarriesTheRetainFlag() {
        // MQTT 5.0 section 3.3.1.3; MQTT 3.1.1 [MQTT-3.3.1-8]
        List<SubscriptionOptions> matched = List.of(options(1, false, false, 0));

        assertThat(DeliveryPlan.of(message(1, true, "other"), matched, CLIENT, true, true)
                        .retain())
                .isTrue();
        assertThat(DeliveryPlan.of(message(1, true, "other"), matched, CLIENT, false, true)
                        .retain())
                .isTrue();
    }

    private static DeliveryPlan plan(ApplicationMessage message, List<SubscriptionOptions> matched) {
        return DeliveryPlan.of(message, matched, CLIENT, true, false);
    }

    private static SubscriptionOptions options(int qos, boolean noLocal, boolean retainAsPublished, int id) {
        return new SubscriptionOptions(qos, noLocal, retainAsPublished, 0, id);
    }

    private static ApplicationMessage message(int qos, boolean retain, String publisherId) {
        return new ApplicationMessage(
                "a/b", new byte[] {1}, qos, retain, publisherId, 0L, ApplicationMessage.Properties.NONE);
    }
}
