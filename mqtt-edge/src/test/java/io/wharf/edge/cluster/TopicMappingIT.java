package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.kafka.TopicProvisioningException;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.MessageHeaders;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Topic mapping: namespaces of MQTT topics in Kafka topics of their own, keyed by their first levels. */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TopicMappingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private EdgeCluster cluster;
    private TestKafka kafka;
    private String deviceTopic;

    @BeforeAll
    void start(TestKafka kafka) {
        this.kafka = kafka;
        cluster = EdgeCluster.start(
                kafka,
                1,
                ProtocolSettings.defaults(),
                prefix -> List.of(
                        new MappingRule(
                                TopicFilter.parse("devices/#"),
                                prefix + "device-data",
                                4,
                                (short) 0,
                                Duration.ofDays(1),
                                2),
                        new MappingRule(
                                TopicFilter.parse("+/alerts/#"),
                                prefix + "alerts",
                                2,
                                (short) 0,
                                Duration.ofDays(1),
                                0)));
        deviceTopic = cluster.topics().prefix() + "device-data";
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void aMappedMessageIsARecordOfItsOwnTopicKeyedByItsFirstLevelsWithTheTopicInAHeader() {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriber = connect("device-watcher");
        subscriber
                .toAsync()
                .subscribeWith()
                .topicFilter("devices/42/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p ->
                        received.add(p.getTopic() + " " + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send()
                .join();
        Mqtt5BlockingClient publisher = connect("device-42");
        publisher
                .publishWith()
                .topic("devices/42/temperature")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("21".getBytes(StandardCharsets.UTF_8))
                .send();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("devices/42/temperature 21"));
        List<ConsumerRecord<byte[], byte[]>> records = KafkaRecords.readUntil(
                kafka.bootstrapServers(), deviceTopic, record -> "21".equals(text(record.value())), WAIT);
        ConsumerRecord<byte[], byte[]> record = records.stream()
                .filter(r -> "21".equals(text(r.value())))
                .findFirst()
                .orElseThrow();
        assertThat(text(record.key())).isEqualTo("devices/42");
        assertThat(text(record.headers().lastHeader(MessageHeaders.TOPIC).value()))
                .isEqualTo("devices/42/temperature");
        subscriber.disconnect();
        publisher.disconnect();
    }

    @Test
    void anEdgeReadsOnlyThePartitionsItsSubscriptionsCanMatch() {
        Mqtt5BlockingClient subscriber = connect("partition-counter");
        subscriber.subscribeWith().topicFilter("devices/7/#").send();
        subscriber.subscribeWith().topicFilter("devices/7/status").send();
        subscriber.subscribeWith().topicFilter("plant/status").send();

        assertThat(cluster.edge(0).followedPartitions())
                .as(
                        "device 7's partition of the device topic (two keys at most) and plant/status's of the message topic")
                .hasSizeBetween(2, 3)
                .allSatisfy(partition -> assertThat(partition.topic())
                        .isIn(deviceTopic, cluster.topics().messages().name()))
                .filteredOn(partition ->
                        partition.topic().equals(cluster.topics().messages().name()))
                .hasSize(1);

        subscriber.subscribeWith().topicFilter("+/alerts/#").send();
        assertThat(cluster.edge(0).followedPartitions())
                .filteredOn(
                        partition -> partition.topic().equals(cluster.topics().prefix() + "alerts"))
                .extracting(TopicPartition::partition)
                .containsExactlyInAnyOrder(0, 1);
        subscriber.disconnect();
    }

    @Test
    void aKafkaProducerWritingToAMappedTopicReachesDevices() {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient device = connect("device-9");
        device.toAsync()
                .subscribeWith()
                .topicFilter("devices/9/cmd")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)))
                .send()
                .join();

        // Keyed like Wharf does (first two levels, topic in a header), and keyed by the whole topic.
        ProducerRecord<byte[], byte[]> byLevels = new ProducerRecord<>(
                deviceTopic,
                null,
                bytes("devices/9"),
                bytes("reboot"),
                List.of(new RecordHeader(MessageHeaders.TOPIC, bytes("devices/9/cmd"))));
        KafkaRecords.write(kafka.bootstrapServers(), byLevels);
        KafkaRecords.write(
                kafka.bootstrapServers(), new ProducerRecord<>(deviceTopic, bytes("devices/9/cmd"), bytes("update")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("reboot", "update"));
        device.disconnect();
    }

    @Test
    void aRuleWhoseTopicExistsWithOtherPartitionsIsNamedWithTheFix() {
        WharfTopics topics =
                new WharfTopics("mismatch-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        MappingRule rule = new MappingRule(
                TopicFilter.parse("meters/#"), topics.prefix() + "meters", 3, (short) 0, Duration.ofDays(1), 0);
        TopicProvisioner.ensure(
                kafka.bootstrapServers(),
                Map.of(),
                topics,
                TopicLayout.defaults(),
                List.of(rule),
                Duration.ofSeconds(30));
        MappingRule changed = new MappingRule(rule.filter(), rule.kafkaTopic(), 12, (short) 0, Duration.ofDays(1), 0);

        assertThatThrownBy(() -> TopicProvisioner.ensure(
                        kafka.bootstrapServers(),
                        Map.of(),
                        topics,
                        TopicLayout.defaults(),
                        List.of(changed),
                        Duration.ofSeconds(30)))
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("mapping rule 1 (meters/# -> " + rule.kafkaTopic()
                        + ") says 12 partitions but the topic exists with 3")
                .hasMessageContaining("set partitions: 3");
    }

    @Test
    void aSharedSubscriptionReadsTheMappedTopicItsFilterLivesIn() {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient member = connect("fleet-worker");
        member.toAsync()
                .publishes(
                        MqttGlobalPublishFilter.ALL,
                        p -> received.add(p.getTopic().toString()));
        member.subscribeWith()
                .topicFilter("$share/fleet/devices/+/load")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        Mqtt5BlockingClient publisher = connect("device-3");
        publisher
                .publishWith()
                .topic("devices/3/load")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(bytes("0.7"))
                .send();

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("devices/3/load"));
        member.disconnect();
        publisher.disconnect();
    }

    private Mqtt5BlockingClient connect(String id) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(cluster.edge(0).mqttPort())
                .buildBlocking();
        client.connect();
        return client;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
