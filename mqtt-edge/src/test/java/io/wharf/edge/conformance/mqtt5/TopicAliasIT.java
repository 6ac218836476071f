package io.wharf.edge.conformance.mqtt5;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.conformance.EdgePerClass;
import io.wharf.edge.conformance.RawMqttClient;
import io.wharf.edge.conformance.RawMqttClient.Packet;
import io.wharf.edge.conformance.Wire;
import io.wharf.edge.protocol.ProtocolSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MQTT 5 section 3.3.2.3.4 (Topic Alias) in both directions. */
@Timeout(90)
class TopicAliasIT extends EdgePerClass {

    private static final int TOPIC_ALIAS_MAXIMUM = 4;

    @Override
    protected ProtocolSettings settings() {
        return ProtocolSettings.builder().topicAliasMaximum(TOPIC_ALIAS_MAXIMUM).build();
    }

    /** Section 3.3.2.3.4: a PUBLISH with topic and alias sets it; one with only the alias uses it. */
    @Test
    void aClientsTopicAliasStandsForItsTopic() throws Exception {
        try (RawMqttClient subscriber = RawMqttClient.connected311(port(), "alias-sub")) {
            subscriber.subscribe("alias/#", 0);
            try (RawMqttClient publisher = RawMqttClient.connected5(port(), "alias-pub", Wire.of())) {
                publisher.send(
                        Wire.publish5("alias/first", 0, 0, alias(1), Clients.utf8("sets")),
                        Wire.publish5("", 0, 0, alias(1), Clients.utf8("uses")),
                        Wire.publish5("alias/second", 0, 0, alias(1), Clients.utf8("replaces")),
                        Wire.publish5("", 0, 0, alias(1), Clients.utf8("uses-new")));
                List<String> received = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Packet publish = subscriber.expect(Packet.PUBLISH);
                    received.add(publish.topic() + " " + publish.payloadText());
                }
                assertThat(received)
                        .containsExactly(
                                "alias/first sets",
                                "alias/first uses",
                                "alias/second replaces",
                                "alias/second uses-new");
            }
        }
    }

    /** Section 3.3.2.3.4: an alias the client never set is a protocol error. */
    @Test
    void anAliasNeverSetIsAnsweredWithDisconnect0x82() {
        assertDisconnected("unknown-alias", Wire.publish5("", 0, 0, alias(2), Clients.utf8("?")), 0x82);
    }

    /** [MQTT-3.3.2-9] / [MQTT-3.3.2-10]: an alias above the Topic Alias Maximum is 0x94. */
    @Test
    void anAliasAboveTheMaximumIsAnsweredWithDisconnect0x94() {
        assertDisconnected(
                "alias-too-high",
                Wire.publish5("alias/high", 0, 0, alias(TOPIC_ALIAS_MAXIMUM + 1), Clients.utf8("?")),
                0x94);
    }

    /** [MQTT-3.3.2-8]: alias 0 is not allowed. */
    @Test
    void alias0IsAnsweredWithDisconnect0x94() {
        assertDisconnected("alias-zero", Wire.publish5("alias/zero", 0, 0, alias(0), Clients.utf8("?")), 0x94);
    }

    /** Section 3.3.2.3.4: the edge may use aliases towards a client that allows them, within its maximum. */
    @Test
    void theEdgeUsesAliasesTowardsAClientThatAllowsThem() {
        try (RawMqttClient subscriber = RawMqttClient.connected5(
                port(), "aliased-sub", Wire.of().u8(Wire.TOPIC_ALIAS_MAXIMUM).u16(2))) {
            subscriber.subscribe("to-client/#", 0);
            Clients.publish(edge, "to-client/a", "1", 0);
            Clients.publish(edge, "to-client/a", "2", 0);

            Packet first = subscriber.expect(Packet.PUBLISH);
            Packet second = subscriber.expect(Packet.PUBLISH);
            assertThat(first.topic()).isEqualTo("to-client/a");
            assertThat((Integer) first.properties().first(Wire.TOPIC_ALIAS)).isBetween(1, 2);
            assertThat(second.topic()).as("only the alias").isEmpty();
            assertThat(second.properties().first(Wire.TOPIC_ALIAS))
                    .isEqualTo(first.properties().first(Wire.TOPIC_ALIAS));
        }
    }

    /** [MQTT-3.3.2-11]: no alias goes to a client whose Topic Alias Maximum is 0 (the default). */
    @Test
    void theEdgeSendsNoAliasToAClientThatAllowsNone() {
        try (RawMqttClient subscriber = RawMqttClient.connected5(port(), "unaliased-sub", Wire.of())) {
            subscriber.subscribe("no-alias/#", 0);
            Clients.publish(edge, "no-alias/a", "1", 0);
            Clients.publish(edge, "no-alias/a", "2", 0);
            for (int i = 0; i < 2; i++) {
                Packet publish = subscriber.expect(Packet.PUBLISH);
                assertThat(publish.topic()).isEqualTo("no-alias/a");
                assertThat(publish.properties().has(Wire.TOPIC_ALIAS)).isFalse();
            }
        }
    }

    /** A real client that allows aliases reads the topics right. */
    @Test
    void aHivemqClientAllowingAliasesSeesTheRightTopics() throws InterruptedException {
        Mqtt5BlockingClient client = Clients.hivemq5(edge, "hivemq-aliases");
        client.connectWith()
                .restrictions()
                .topicAliasMaximum(5)
                .applyRestrictions()
                .send();
        List<String> topics = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter("hivemq-alias/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            for (String topic : List.of("hivemq-alias/a", "hivemq-alias/b", "hivemq-alias/a", "hivemq-alias/b")) {
                Clients.publish(edge, topic, "x", 1);
            }
            for (int i = 0; i < 4; i++) {
                topics.add(publishes
                        .receive(20, TimeUnit.SECONDS)
                        .orElseThrow()
                        .getTopic()
                        .toString());
            }
        }
        assertThat(topics).containsExactly("hivemq-alias/a", "hivemq-alias/b", "hivemq-alias/a", "hivemq-alias/b");
        client.disconnect();
    }

    private void assertDisconnected(String clientId, byte[] publish, int reasonCode) {
        try (RawMqttClient client = RawMqttClient.connected5(port(), clientId, Wire.of())) {
            client.send(publish);
            client.expectClosedWith(Packet.DISCONNECT, reasonCode);
        }
    }

    private static Wire alias(int alias) {
        return Wire.of().u8(Wire.TOPIC_ALIAS).u16(alias);
    }
}
