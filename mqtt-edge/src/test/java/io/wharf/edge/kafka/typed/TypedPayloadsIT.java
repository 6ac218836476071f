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
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.wharf.edge.cluster.EdgeCluster;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.schemas.message.DeadLetters;
import io.wharf.testing.ApicurioRegistry;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Typed payloads end to end: devices publish JSON, Kafka holds JSON Schema and Avro records in the
 * registry wire format, a plain Kafka consumer decodes them with Avro and one with a real
 * registry's (Apicurio's) deserializer, invalid payloads are refused or dead-lettered, and
 * subscribers get JSON back.
 */
@ExtendWith(KafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TypedPayloadsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EdgeCluster cluster;
    private TestKafka kafka;
    private Path schemas;
    private String jsonTopic;
    private String avroTopic;
    private String registeredTopic;
    private String analysedTopic;
    private ApicurioRegistry registry;
    private int registryId;
    private int jsonRegistryId;
    private String readingsTopic;

    @BeforeAll
    void start(TestKafka kafka) throws IOException {
        this.kafka = kafka;
        registry = ApicurioRegistry.start();
        registryId = registry.register("telemetry-value", "AVRO", PayloadOutcomeTest.AVRO_SCHEMA);
        jsonRegistryId = registry.register("readings-value", "JSON", PayloadOutcomeTest.JSON_SCHEMA);
        String registryUrl = registry.confluentUrl();
        schemas = Files.createTempDirectory(Path.of("target"), "schemas");
        Path jsonSchema = Files.writeString(schemas.resolve("telemetry.json"), PayloadOutcomeTest.JSON_SCHEMA);
        Path avroSchema = Files.writeString(schemas.resolve("telemetry.avsc"), PayloadOutcomeTest.AVRO_SCHEMA);
        cluster = EdgeCluster.start(
                kafka,
                1,
                ProtocolSettings.defaults(),
                prefix -> List.of(
                        rule(
                                "json/#",
                                prefix + "telemetry-json",
                                new PayloadRule(
                                        PayloadRule.Format.JSON_SCHEMA,
                                        jsonSchema.toAbsolutePath().toString(),
                                        null,
                                        PayloadRule.Invalid.REJECT)),
                        rule(
                                "avro/#",
                                prefix + "telemetry-avro",
                                new PayloadRule(
                                        PayloadRule.Format.AVRO,
                                        avroSchema.toAbsolutePath().toString(),
                                        null,
                                        PayloadRule.Invalid.DEAD_LETTER)),
                        rule(
                                "registered/#",
                                prefix + "telemetry-registered",
                                new PayloadRule(
                                        PayloadRule.Format.AVRO,
                                        "telemetry-value",
                                        registryUrl,
                                        PayloadRule.Invalid.PASS)),
                        rule(
                                "readings/#",
                                prefix + "readings-json",
                                new PayloadRule(
                                        PayloadRule.Format.JSON_SCHEMA,
                                        "readings-value",
                                        registryUrl,
                                        PayloadRule.Invalid.REJECT)),
                        rule(
                                "analysed/#",
                                prefix + "telemetry-analysed",
                                new PayloadRule(
                                        PayloadRule.Format.AVRO,
                                        "telemetry-value",
                                        registryUrl,
                                        PayloadRule.Invalid.REJECT))));
        jsonTopic = cluster.topics().prefix() + "telemetry-json";
        avroTopic = cluster.topics().prefix() + "telemetry-avro";
        registeredTopic = cluster.topics().prefix() + "telemetry-registered";
        analysedTopic = cluster.topics().prefix() + "telemetry-analysed";
        readingsTopic = cluster.topics().prefix() + "readings-json";
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
    void aRuleNamingARegistryWritesTheRegistrysIdAndPassesWhatDoesNotFitAsItCame() throws Exception {
        double before = invalidCount(registeredTopic, "pass");
        Mqtt5BlockingClient device = connect(cluster, "typed-registered");
        publishQos1(device, "registered/1", "{\"temperature\": 3.0}");
        publishQos1(device, "registered/1", "warm");
        device.disconnect();

        List<ConsumerRecord<byte[], byte[]>> records = KafkaRecords.readUntil(
                kafka.bootstrapServers(), registeredTopic, r -> text(r.value()).equals("warm"), WAIT);
        assertThat(WireFormat.unframe(records.get(0).value()).schemaId()).isEqualTo(registryId);
        assertThat(records)
                .last()
                .satisfies(r -> assertThat(WireFormat.unframe(r.value())).isNull());
        assertThat(invalidCount(registeredTopic, "pass")).isEqualTo(before + 1);
    }

    @Test
    void aJsonSchemaFromTheRegistryChecksPayloadsAndItsIdFramesThem() {
        Mqtt5BlockingClient device = connect(cluster, "typed-readings");
        publishQos1(device, "readings/3", "{\"temperature\": 7.5, \"unit\": \"C\"}");
        assertThatThrownBy(() -> publishQos1(device, "readings/3", "{\"unit\": \"K\"}"))
                .isInstanceOfSatisfying(
                        Mqtt5PubAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID));
        device.disconnect();

        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaRecords.readUntil(kafka.bootstrapServers(), readingsTopic, r -> true, WAIT);
        assertThat(records).hasSize(1);
        WireFormat.Framed framed = WireFormat.unframe(records.get(0).value());
        assertThat(framed.schemaId()).isEqualTo(jsonRegistryId);
        assertThat(text(framed.body())).isEqualTo("{\"temperature\": 7.5, \"unit\": \"C\"}");
    }

    @Test
    void theRegistrysOwnAvroDeserializerReadsWhatTheEdgeWrote() {
        Mqtt5BlockingClient device = connect(cluster, "typed-registry-reader");
        publishQos1(device, "analysed/2", "{\"temperature\": 12.5, \"unit\": \"F\", \"tags\": [\"cellar\"]}");
        device.disconnect();

        // An analytics job's consumer: Apicurio's deserializer looks the id up in the registry, as
        // the content id its Confluent API gave out.
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "typed-analytics",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                SchemaResolverConfig.REGISTRY_URL,
                registry.registryUrl(),
                SerdeConfig.ID_HANDLER,
                Default4ByteIdHandler.class.getName(),
                SerdeConfig.USE_ID,
                "contentId");
        List<GenericRecord> read = new ArrayList<>();
        AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
        values.configure(config, false);
        try (KafkaConsumer<String, GenericRecord> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(analysedTopic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    read.add(record.value());
                });
                return !read.isEmpty();
            });
        }
        GenericRecord telemetry = read.get(0);
        assertThat(telemetry.get("temperature")).isEqualTo(12.5);
        assertThat(telemetry.get("unit").toString()).isEqualTo("F");
        assertThat(telemetry.get("tags").toString()).isEqualTo("[cellar]");
    }

    @Test
    void aSharedSubscriptionGetsTypedRecordsAsJson() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient member = connect(cluster, "typed-share-member");
        member.toAsync()
                .subscribeWith()
                .topicFilter("$share/typed/avro/shared")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(text(p.getPayloadAsBytes())))
                .send()
                .join();
        Mqtt5BlockingClient device = connect(cluster, "typed-share-device");
        // a share group may be ready only after the first messages: publish until one arrives
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishQos1(device, "avro/shared", "{\"temperature\": 4.5}");
            assertThat(received).isNotEmpty();
        });
        assertThat(JSON.readTree(received.get(0)).get("temperature").asDouble()).isEqualTo(4.5);
        device.disconnect();
        member.disconnect();
    }

    @Test
    void validJsonIsStoredFramedAndInvalidJsonIsRefusedWith0x99() {
        Mqtt5BlockingClient device = connect(cluster, "typed-json-5");
        publishQos1(device, "json/1", "{\"temperature\": 20.5}");
        assertThatThrownBy(() -> publishQos1(device, "json/1", "{\"temperature\": \"hot\"}"))
                .isInstanceOfSatisfying(
                        Mqtt5PubAckException.class,
                        e -> assertThat(e.getMqttMessage().getReasonCode())
                                .isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID));
        assertThat(device.getState().isConnected()).isTrue();
        device.disconnect();

        ConsumerRecord<byte[], byte[]> record = KafkaRecords.readUntil(
                        kafka.bootstrapServers(), jsonTopic, r -> WireFormat.unframe(r.value()) != null, WAIT)
                .get(0);
        WireFormat.Framed framed = WireFormat.unframe(record.value());
        assertThat(text(framed.body())).isEqualTo("{\"temperature\": 20.5}");
    }

    @Test
    void anMqtt311ClientsInvalidPayloadIsAcknowledgedDroppedAndCounted() throws Exception {
        double before = invalidCount(jsonTopic, "reject");
        org.eclipse.paho.client.mqttv3.MqttClient device = new org.eclipse.paho.client.mqttv3.MqttClient(
                cluster.uri(0), "typed-json-311", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        device.setTimeToWait(20_000);
        device.connect();
        device.publish("json/2", utf8("[1, 2]"), 1, false);
        assertThat(device.isConnected()).isTrue();
        device.disconnect();
        device.close();
        assertThat(invalidCount(jsonTopic, "reject")).isEqualTo(before + 1);
    }

    @Test
    void aPlainKafkaConsumerDecodesTheAvroRecordWithTheSchemaItsIdNames() throws Exception {
        Mqtt5BlockingClient device = connect(cluster, "typed-avro-5");
        publishQos1(device, "avro/7", "{\"temperature\": 19.25, \"unit\": \"F\", \"battery\": 55}");
        device.disconnect();

        // The analytics side: it has the schema file, so it knows the id it derives to.
        Schema schema =
                new Schema.Parser().parse(schemas.resolve("telemetry.avsc").toFile());
        int id = SchemaIds.derived(SchemaNormalization.toParsingForm(schema));
        ConsumerRecord<byte[], byte[]> record =
                KafkaRecords.readUntil(
                                kafka.bootstrapServers(),
                                avroTopic,
                                r -> text(r.key()).equals("avro/7"),
                                WAIT)
                        .stream()
                        .filter(r -> text(r.key()).equals("avro/7"))
                        .findFirst()
                        .orElseThrow();
        assertThat(record.value()[0]).as("magic byte").isZero();
        WireFormat.Framed framed = WireFormat.unframe(record.value());
        assertThat(framed.schemaId()).isEqualTo(id);
        GenericRecord read = (GenericRecord)
                new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(framed.body(), null));
        assertThat(read.get("temperature")).isEqualTo(19.25);
        assertThat(read.get("unit").toString()).isEqualTo("F");
        assertThat(read.get("battery")).isEqualTo(55);
    }

    @Test
    void anInvalidPayloadOfADeadLetterRuleIsKeptThereWithTheReason() {
        Mqtt5BlockingClient device = connect(cluster, "typed-dead-5");
        publishQos1(device, "avro/8", "{\"unit\": \"C\"}");
        device.disconnect();

        String deadLetters = cluster.topics().prefix() + TypedTopics.DEAD_LETTER;
        ConsumerRecord<byte[], byte[]> record =
                KafkaRecords.readUntil(
                                kafka.bootstrapServers(),
                                deadLetters,
                                r -> text(r.key()).equals("avro/8"),
                                WAIT)
                        .stream()
                        .filter(r -> text(r.key()).equals("avro/8"))
                        .findFirst()
                        .orElseThrow();
        assertThat(text(record.value())).isEqualTo("{\"unit\": \"C\"}");
        assertThat(text(record.headers().lastHeader(DeadLetters.TOPIC).value())).isEqualTo(avroTopic);
        assertThat(text(record.headers().lastHeader(DeadLetters.FORMAT).value()))
                .isEqualTo("avro");
        assertThat(text(record.headers().lastHeader(DeadLetters.REASON).value()))
                .contains("temperature is missing");
        assertThat(text(record.headers().lastHeader("mqtt.client-id").value())).isEqualTo("typed-dead-5");
    }

    @Test
    void subscribersGetTypedRecordsAsJsonWhoeverWroteThem() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriber = connect(cluster, "typed-subscriber");
        subscriber
                .toAsync()
                .subscribeWith()
                .topicFilter("avro/9")
                .qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> received.add(text(p.getPayloadAsBytes())))
                .send()
                .join();
        Mqtt5BlockingClient device = connect(cluster, "typed-avro-9");
        publishQos1(device, "avro/9", "{\"temperature\": 1.5}");
        device.disconnect();

        // A backend writing Avro in the wire format, as a registry serializer would.
        Schema schema = new Schema.Parser().parse(PayloadOutcomeTest.AVRO_SCHEMA);
        GenericRecord command = new GenericData.Record(schema);
        command.put("temperature", 2.5);
        command.put("unit", new GenericData.EnumSymbol(schema.getField("unit").schema(), "C"));
        command.put("battery", null);
        command.put("tags", List.of("from-kafka"));
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<GenericRecord>(schema).write(command, encoder);
        encoder.flush();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            avroTopic,
                            utf8("avro/9"),
                            WireFormat.frame(
                                    SchemaIds.derived(SchemaNormalization.toParsingForm(schema)), body.toByteArray())))
                    .get();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(2));
        assertThat(JSON.readTree(received.get(0)))
                .isEqualTo(JSON.readTree("{\"temperature\":1.5,\"unit\":\"C\",\"battery\":null,\"tags\":[]}"));
        assertThat(JSON.readTree(received.get(1)))
                .isEqualTo(JSON.readTree(
                        "{\"temperature\":2.5,\"unit\":\"C\",\"battery\":null,\"tags\":[\"from-kafka\"]}"));
        subscriber.disconnect();
    }

    private double invalidCount(String topic, String action) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + cluster.edge(0).httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher count = Pattern.compile("wharf_payloads_invalid_total\\{(?=[^}]*action=\"" + action
                        + "\")(?=[^}]*topic=\"" + Pattern.quote(topic) + "\")[^}]*} (\\S+)")
                .matcher(metrics.body());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }
}
