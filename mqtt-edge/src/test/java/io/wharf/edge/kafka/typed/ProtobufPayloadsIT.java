package io.wharf.edge.kafka.typed;

import static io.wharf.edge.kafka.typed.TypedEdges.connect;
import static io.wharf.edge.kafka.typed.TypedEdges.publishQos1;
import static io.wharf.edge.kafka.typed.TypedEdges.rule;
import static io.wharf.edge.kafka.typed.TypedEdges.text;
import static io.wharf.edge.kafka.typed.TypedEdges.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.edge.kafka.typed.example.Command;
import io.wharf.edge.kafka.typed.example.Telemetry;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.testing.ApicurioRegistry;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Protobuf mapping rule end to end, with the descriptor set and Java classes protoc made from
 * src/test/protobuf: devices publish JSON, Kafka holds Protobuf messages in the registry wire
 * format, a consumer reads them with the generated class, a backend's Protobuf record reaches
 * subscribers as JSON, and an MQTT 3.1.1 device whose payload the rule refuses is disconnected, as
 * the rule says. A rule naming a registry (a real one, Apicurio) writes the registry's id.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProtobufPayloadsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeCluster cluster;
    private TestKafka kafka;
    private String topic;
    private String commandsTopic;
    private ApicurioRegistry registry;
    private int registryId;

    @BeforeAll
    void start(TestKafka kafka) throws Exception {
        this.kafka = kafka;
        registry = ApicurioRegistry.start();
        registryId = registry.register(
                "commands-value",
                "PROTOBUF",
                Files.readString(Path.of("src", "test", "protobuf", "example", "telemetry.proto")));
        String descriptorSet =
                ProtobufPayloadTest.DESCRIPTOR_SET.toAbsolutePath().toString();
        cluster = EdgeCluster.start(
                kafka,
                1,
                ProtocolSettings.defaults(),
                prefix -> List.of(
                        rule(
                                "proto/#",
                                prefix + "telemetry-proto",
                                new PayloadRule(
                                        PayloadRule.Format.PROTOBUF,
                                        descriptorSet,
                                        null,
                                        PayloadRule.Invalid.REJECT,
                                        PayloadRule.Mqtt3Refusal.CLOSE,
                                        "example.Telemetry",
                                        null)),
                        rule(
                                "commands/#",
                                prefix + "commands-proto",
                                new PayloadRule(
                                        PayloadRule.Format.PROTOBUF,
                                        "commands-value",
                                        registry.confluentUrl(),
                                        PayloadRule.Invalid.REJECT,
                                        PayloadRule.Mqtt3Refusal.DROP,
                                        "example.Command",
                                        descriptorSet))));
        topic = cluster.topics().prefix() + "telemetry-proto";
        commandsTopic = cluster.topics().prefix() + "commands-proto";
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aRuleNamingARegistryWritesTheRegistrysIdAndTheIndexesOfItsMessageType() throws Exception {
        Mqtt5BlockingClient backend = connect(cluster, "proto-commander");
        publishQos1(backend, "commands/device-7", "{\"action\": \"reboot\"}");
        backend.disconnect();

        ConsumerRecord<byte[], byte[]> record = KafkaRecords.readUntil(
                        kafka.bootstrapServers(), commandsTopic, r -> true, WAIT)
                .get(0);
        ByteBuffer value = ByteBuffer.wrap(record.value());
        assertThat(value.get()).as("magic byte").isZero();
        assertThat(value.getInt()).isEqualTo(registryId);
        assertThat(MessageIndexes.read(value))
                .as("Command, the file's second message type")
                .isEqualTo(List.of(1));
        assertThat(Command.parseFrom(value).getAction()).isEqualTo("reboot");
    }

    @Test
    void validJsonIsStoredAsAProtobufMessageTheGeneratedClassReadsAndInvalidJsonGets0x99() throws Exception {
        Mqtt5BlockingClient device = connect(cluster, "proto-device-5");
        publishQos1(
                device,
                "proto/1",
                "{\"temperature\": 18.5, \"unit\": \"CELSIUS\", \"battery\": 64,"
                        + " \"measured_at\": \"2026-12-03T09:30:00Z\"}");
        assertThatThrownBy(() -> publishQos1(device, "proto/1", "{\"temperature\": 18.5, \"humidity\": 40}"))
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> {
                    assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
                    assertThat(e.getMqttMessage()
                                    .getReasonString()
                                    .orElseThrow()
                                    .toString())
                            .contains("humidity");
                });
        device.disconnect();

        ConsumerRecord<byte[], byte[]> record =
                KafkaRecords.readUntil(
                                kafka.bootstrapServers(),
                                topic,
                                r -> text(r.key()).equals("proto/1"),
                                WAIT)
                        .stream()
                        .filter(r -> text(r.key()).equals("proto/1"))
                        .findFirst()
                        .orElseThrow();
        // The analytics side, as a registry deserializer reads it: magic byte, id, message indexes.
        ByteBuffer value = ByteBuffer.wrap(record.value());
        assertThat(value.get()).as("magic byte").isZero();
        assertThat(value.getInt())
                .isEqualTo(ProtobufPayload.of(ProtobufPayloadTest.descriptorSet(), "example.Telemetry", null)
                        .schemaId());
        assertThat(value.get())
                .as("the message indexes [0]: the file's first message, Telemetry")
                .isZero();
        Telemetry telemetry = Telemetry.parseFrom(value);
        assertThat(telemetry.getTemperature()).isEqualTo(18.5);
        assertThat(telemetry.getBattery()).isEqualTo(64);
        assertThat(telemetry.getMeasuredAt().getSeconds()).isEqualTo(1796290200L);
    }

    @Test
    void aBackendsProtobufRecordReachesSubscribersAsJson() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriber = connect(cluster, "proto-subscriber");
        subscriber
                .toAsync()
                .subscribeWith()
                .topicFilter("proto/setpoints/7")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(text(p.getPayloadAsBytes())))
                .send()
                .join();

        Telemetry setpoint = Telemetry.newBuilder()
                .setTemperature(22.0)
                .setUnit(Telemetry.Unit.FAHRENHEIT)
                .addTags("from-kafka")
                .setMeasuredAt(Timestamp.newBuilder().setSeconds(1796290200L))
                .build();
        byte[] body = setpoint.toByteArray();
        byte[] framed = WireFormat.frame(
                ProtobufPayload.of(ProtobufPayloadTest.descriptorSet(), "example.Telemetry", null)
                        .schemaId(),
                ByteBuffer.allocate(1 + body.length).put((byte) 0).put(body).array());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, utf8("proto/setpoints/7"), framed))
                    .get();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(1));
        assertThat(JSON.readTree(received.get(0)))
                .isEqualTo(JSON.readTree("{\"temperature\": 22.0, \"unit\": \"FAHRENHEIT\", \"tags\": [\"from-kafka\"],"
                        + " \"measured_at\": \"2026-12-03T09:30:00Z\"}"));
        subscriber.disconnect();
    }

    @Test
    void anMqtt311DeviceWhosePayloadTheRuleRefusesIsDisconnected() throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient device = new org.eclipse.paho.client.mqttv3.MqttClient(
                cluster.uri(0), "proto-device-311", new MemoryPersistence());
        device.setTimeToWait(20_000);
        device.connect();
        device.publish("proto/2", utf8("{\"temperature\": 17.0}"), 1, false);
        assertThat(device.isConnected()).isTrue();

        assertThatThrownBy(() -> device.publish("proto/2", utf8("seventeen degrees"), 1, false))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_CONNECTION_LOST));
        await().atMost(WAIT).until(() -> !device.isConnected());
        device.close();
    }
}
