package io.wharf.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import io.wharf.launcher.testing.EdgeOnTestKafka;
import io.wharf.schemas.MessageHeaders;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.mapping.PayloadRule;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.FreePorts;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code wharf replay} as a user runs it: the packaged jar in its own process, reading what a real
 * MQTT client published through a real edge into a real Kafka, and re-publishing it to that edge or
 * copying it to a Kafka topic.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(180)
class ReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestKafka kafka;
    private EdgeOnTestKafka edge;
    private Mqtt5BlockingClient publisher;

    ReplayIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void startEdge() {
        edge = EdgeOnTestKafka.start(kafka, "replay");
        publisher = edge.connect("original-publisher");
    }

    @AfterEach
    void stopEdge() {
        publisher.disconnect();
        edge.close();
    }

    @Test
    void republishesTheRangeToAnMqttBrokerWithEachMessagesQosRetainAndProperties() throws Exception {
        publish("sensors/a/temperature", "before", MqttQos.AT_LEAST_ONCE, false);
        Instant from = nextMillisecond();
        publisher.publish(Mqtt5Publish.builder()
                .topic("sensors/a/temperature")
                .payload(bytes("1"))
                .qos(MqttQos.AT_LEAST_ONCE)
                .contentType("text/plain")
                .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                .responseTopic("replies/a")
                .correlationData(bytes("c-1"))
                .userProperties()
                .add("unit", "C")
                .add("unit", "celsius")
                .applyUserProperties()
                .build());
        publish("sensors/b/temperature", "2", MqttQos.EXACTLY_ONCE, false);
        publish("doors/front", "open", MqttQos.AT_LEAST_ONCE, false);
        publish("sensors/a/temperature", "3", MqttQos.AT_LEAST_ONCE, true);
        Instant until = nextMillisecond();
        publish("sensors/a/temperature", "after", MqttQos.AT_LEAST_ONCE, false);

        List<Mqtt5Publish> received = new CopyOnWriteArrayList<>();
        Mqtt5BlockingClient subscriber = edge.connect("replay-watcher");
        // Only the replayed copies count here, not the retained message a new subscription gets.
        subscriber
                .toAsync()
                .subscribeWith()
                .topicFilter("sensors/#")
                .qos(MqttQos.EXACTLY_ONCE)
                .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND)
                .callback(received::add)
                .send()
                .get();

        Run replay = replay(
                "--from",
                from.toString(),
                "--until",
                until.toString(),
                "--filter",
                "sensors/#",
                "--to",
                "mqtt://127.0.0.1:" + edge.mqttPort());

        assertThat(replay.exitCode()).as(replay.transcript()).isZero();
        assertThat(replay.out())
                .contains("4 records read, 3 matched, 3 sent, 0 skipped")
                .contains("0 failed");
        await().atMost(WAIT).untilAsserted(() -> assertThat(received).hasSize(3));
        assertThat(payloadsOn(received, "sensors/a/temperature")).containsExactly("1", "3");
        assertThat(payloadsOn(received, "sensors/b/temperature")).containsExactly("2");
        Mqtt5Publish first = received.stream()
                .filter(p -> text(p.getPayloadAsBytes()).equals("1"))
                .findFirst()
                .orElseThrow();
        assertThat(first.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        assertThat(first.getContentType()).map(Object::toString).contains("text/plain");
        assertThat(first.getPayloadFormatIndicator()).contains(Mqtt5PayloadFormatIndicator.UTF_8);
        assertThat(first.getResponseTopic()).map(Object::toString).contains("replies/a");
        assertThat(first.getCorrelationData())
                .map(data -> StandardCharsets.UTF_8.decode(data).toString())
                .contains("c-1");
        assertThat(first.getUserProperties().asList())
                .extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("unit=C", "unit=celsius");
        assertThat(received)
                .filteredOn(p -> text(p.getPayloadAsBytes()).equals("2"))
                .singleElement()
                .extracting(Mqtt5Publish::getQos)
                .isEqualTo(MqttQos.EXACTLY_ONCE);
        subscriber.disconnect();

        // The edge stored the re-published messages as new records, with the original QoS and retain flag.
        List<ConsumerRecord<byte[], byte[]>> republished = republishedRecords(3);
        assertThat(republished).extracting(r -> text(r.value())).containsExactlyInAnyOrder("1", "2", "3");
        ConsumerRecord<byte[], byte[]> retained = republished.stream()
                .filter(r -> text(r.value()).equals("3"))
                .findFirst()
                .orElseThrow();
        assertThat(header(retained, MessageHeaders.RETAIN)).isEqualTo("true");
        assertThat(header(retained, MessageHeaders.QOS)).isEqualTo("1");
    }

    @Test
    void copiesTheRangeToAKafkaTopicRecordForRecordAndCountsWhatIsNoMessage() throws Exception {
        String target = edge.topics().prefix() + "copy";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(target, 1, (short) 1)))
                    .all()
                    .get();
        }
        Instant from = nextMillisecond();
        publish("sensors/a/temperature", "1", MqttQos.AT_LEAST_ONCE, false);
        publish("doors/front", "open", MqttQos.AT_LEAST_ONCE, false);
        publish("sensors/b/humidity", "2", MqttQos.AT_MOST_ONCE, false);
        publish("sensors/a/temperature", "3", MqttQos.EXACTLY_ONCE, false);
        String messages = edge.topics().messages().name();
        KafkaRecords.write(kafka.bootstrapServers(), new ProducerRecord<>(messages, null, bytes("no key")));
        KafkaRecords.write(
                kafka.bootstrapServers(), new ProducerRecord<>(messages, bytes("sensors/a/temperature"), null));

        Run replay = replay("--from", from.toString(), "--filter", "sensors/#", "--to", "kafka:" + target);

        assertThat(replay.exitCode()).as(replay.transcript()).isZero();
        assertThat(replay.out()).contains("6 records read, 3 matched, 3 sent, 2 skipped");
        List<ConsumerRecord<byte[], byte[]>> originals = firstRecords(messages, 6);
        List<ConsumerRecord<byte[], byte[]>> copies = firstRecords(target, 3);
        assertThat(copies)
                .extracting(r -> text(r.key()) + " " + text(r.value()))
                .containsExactlyInAnyOrder(
                        "sensors/a/temperature 1", "sensors/b/humidity 2", "sensors/a/temperature 3");
        assertThat(copies)
                .filteredOn(r -> text(r.key()).equals("sensors/a/temperature"))
                .extracting(r -> text(r.value()))
                .containsExactly("1", "3");
        for (ConsumerRecord<byte[], byte[]> copy : copies) {
            ConsumerRecord<byte[], byte[]> original = originals.stream()
                    .filter(o -> o.value() != null && text(o.value()).equals(text(copy.value())))
                    .findFirst()
                    .orElseThrow();
            assertThat(copy.timestamp()).isEqualTo(original.timestamp());
            assertThat(copy.headers().toArray()).isEqualTo(original.headers().toArray());
        }
    }

    @Test
    void atTheOriginalPaceAndWithAQosCapEveryMessageArrivesAtTheCappedQos() throws Exception {
        Instant from = nextMillisecond();
        publish("sensors/a/temperature", "1", MqttQos.EXACTLY_ONCE, false);
        publish("sensors/a/temperature", "2", MqttQos.AT_LEAST_ONCE, false);

        Run replay = replay(
                "--from",
                from.toString(),
                "--filter",
                "sensors/+/temperature",
                "--to",
                "mqtt://127.0.0.1:" + edge.mqttPort(),
                "--pace",
                "--qos",
                "0");

        assertThat(replay.exitCode()).as(replay.transcript()).isZero();
        assertThat(replay.out()).contains("2 matched, 2 sent");
        assertThat(republishedRecords(2))
                .allSatisfy(record -> assertThat(header(record, MessageHeaders.QOS))
                        .as("QoS 0 has no qos header")
                        .isNull())
                .extracting(record -> text(record.value()))
                .containsExactly("1", "2");
    }

    @Test
    void withTheEdgesConfigItReadsTheKafkaTopicTheMappingPutTheFilterIn() throws Exception {
        try (EdgeOnTestKafka mapped = EdgeOnTestKafka.start(
                kafka,
                "replay-mapped",
                prefix -> List.of(new MappingRule(
                        TopicFilter.parse("devices/#"),
                        prefix + "device-data",
                        3,
                        (short) 0,
                        Duration.ofDays(1),
                        2)))) {
            String prefix = mapped.topics().prefix();
            String target = prefix + "copy";
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(target, 1, (short) 1)))
                        .all()
                        .get();
            }
            Mqtt5BlockingClient device = mapped.connect("mapped-device");
            Instant from = nextMillisecond();
            device.publishWith()
                    .topic("devices/1/temp")
                    .payload(bytes("20"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            device.publishWith()
                    .topic("devices/2/temp")
                    .payload(bytes("21"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            device.publishWith()
                    .topic("devices/2/status")
                    .payload(bytes("up"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            device.disconnect();
            Path config = TestDirectories.newDirectory("replay-config").resolve("wharf.yml");
            Files.writeString(
                    config,
                    "topic-prefix: " + prefix + "\n"
                            + "mapping:\n"
                            + "  - filter: devices/#\n"
                            + "    topic: " + prefix + "device-data\n"
                            + "    partitions: 3\n"
                            + "    key-levels: 2\n");

            Run replay = run(
                    "replay",
                    "--config",
                    config.toString(),
                    "--kafka",
                    kafka.bootstrapServers(),
                    "--from",
                    from.toString(),
                    "--filter",
                    "devices/+/temp",
                    "--to",
                    "kafka:" + target);

            assertThat(replay.exitCode()).as(replay.transcript()).isZero();
            assertThat(replay.out()).contains("3 records read, 2 matched, 2 sent");
            assertThat(firstRecords(target, 2)).extracting(r -> text(r.value())).containsExactlyInAnyOrder("20", "21");
        }
    }

    @Test
    void toAnMqttBrokerATypedTopicsRecordsGoAsTheJsonDevicesSent() throws Exception {
        Path configDir = TestDirectories.newDirectory("replay-typed");
        Path schema = Files.writeString(configDir.resolve("telemetry.avsc"), """
                {"type": "record", "name": "Telemetry", "fields": [{"name": "temperature", "type": "double"}]}
                """);
        try (EdgeOnTestKafka typed = EdgeOnTestKafka.start(
                kafka,
                "replay-typed",
                prefix -> List.of(new MappingRule(
                        TopicFilter.parse("devices/#"),
                        prefix + "telemetry",
                        1,
                        (short) 0,
                        Duration.ofDays(1),
                        0,
                        new PayloadRule(
                                PayloadRule.Format.AVRO, schema.toString(), null, PayloadRule.Invalid.REJECT))))) {
            String prefix = typed.topics().prefix();
            Instant from = nextMillisecond();
            Mqtt5BlockingClient device = typed.connect("typed-device");
            device.publishWith()
                    .topic("devices/1/telemetry")
                    .payload(bytes("{\"temperature\": 7.5}"))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            device.disconnect();
            List<String> received = new CopyOnWriteArrayList<>();
            Mqtt5BlockingClient subscriber = typed.connect("typed-watcher");
            subscriber
                    .toAsync()
                    .subscribeWith()
                    .topicFilter("devices/#")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> received.add(text(p.getPayloadAsBytes())))
                    .send()
                    .get();
            Path config = Files.writeString(
                    configDir.resolve("wharf.yml"),
                    "topic-prefix: " + prefix + "\n"
                            + "mapping:\n"
                            + "  - filter: devices/#\n"
                            + "    topic: " + prefix + "telemetry\n"
                            + "    partitions: 1\n"
                            + "    payload: {format: avro, schema: telemetry.avsc}\n");

            Run replay = run(
                    "replay",
                    "--config",
                    config.toString(),
                    "--kafka",
                    kafka.bootstrapServers(),
                    "--from",
                    from.toString(),
                    "--filter",
                    "devices/#",
                    "--to",
                    "mqtt://127.0.0.1:" + typed.mqttPort());

            // the edge takes the replayed copy only as JSON that fits the schema (it refuses anything else)
            assertThat(replay.exitCode()).as(replay.transcript()).isZero();
            assertThat(replay.out()).contains("1 matched, 1 sent").contains("0 failed");
            await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("{\"temperature\":7.5}"));
            subscriber.disconnect();
        }
    }

    @Test
    void whatStopsAReplayIsSaidWithTheFix() {
        String from = Instant.now().minusSeconds(60).toString();

        Run noBroker = replay("--from", from, "--filter", "#", "--to", "mqtt://127.0.0.1:" + FreePorts.onLoopback());
        assertThat(noBroker.exitCode()).as(noBroker.transcript()).isEqualTo(1);
        assertThat(noBroker.err())
                .contains("Cannot connect to the MQTT broker at mqtt://127.0.0.1:")
                .contains("Check --to");

        Run noTopic = replay(
                "--from",
                from,
                "--filter",
                "#",
                "--to",
                "kafka:" + edge.topics().prefix() + "missing");
        assertThat(noTopic.exitCode()).as(noTopic.transcript()).isEqualTo(1);
        assertThat(noTopic.err())
                .contains("has no topic " + edge.topics().prefix() + "missing")
                .contains("kafka-topics.sh");

        Run wrongPrefix = run(
                "replay",
                "--from",
                from,
                "--filter",
                "#",
                "--to",
                "kafka:x",
                "--kafka",
                kafka.bootstrapServers(),
                "--topic-prefix",
                "nothing-here.");
        assertThat(wrongPrefix.exitCode()).as(wrongPrefix.transcript()).isEqualTo(1);
        assertThat(wrongPrefix.err())
                .contains("has no topic nothing-here.messages")
                .contains("--topic-prefix");

        Run badInstant = replay("--from", "yesterday", "--filter", "#", "--to", "kafka:x");
        assertThat(badInstant.exitCode()).isEqualTo(2);
        assertThat(badInstant.err()).contains("--from 'yesterday' is not an ISO-8601 instant");

        Run help = run("replay", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: wharf replay").contains("--pace");
    }

    private void publish(String topic, String payload, MqttQos qos, boolean retain) {
        publisher
                .publishWith()
                .topic(topic)
                .payload(bytes(payload))
                .qos(qos)
                .retain(retain)
                .send();
    }

    /**
     * An instant after every message published so far (the edge stamps them with its receive time in
     * milliseconds), once the clock has reached it, so that every message published next comes at or
     * after it.
     */
    private static Instant nextMillisecond() {
        Instant next = Instant.ofEpochMilli(System.currentTimeMillis() + 1);
        await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() >= next.toEpochMilli());
        return next;
    }

    /** The records the replay's own MQTT client published through the edge. */
    private List<ConsumerRecord<byte[], byte[]>> republishedRecords(int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        KafkaRecords.readUntil(
                kafka.bootstrapServers(),
                edge.topics().messages().name(),
                record -> {
                    String client = header(record, MessageHeaders.CLIENT_ID);
                    if (client != null && client.startsWith("wharf-replay-")) {
                        found.add(record);
                    }
                    return found.size() == expected;
                },
                WAIT);
        return found;
    }

    /** The first {@code count} records of a topic, in each partition's order. */
    private List<ConsumerRecord<byte[], byte[]>> firstRecords(String topic, int count) {
        int[] read = {0};
        return KafkaRecords.readUntil(kafka.bootstrapServers(), topic, record -> ++read[0] == count, WAIT);
    }

    private Run replay(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "replay",
                "--kafka",
                kafka.bootstrapServers(),
                "--topic-prefix",
                edge.topics().prefix()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Runs the packaged {@code wharf} jar in a directory of its own, so its log files land there. */
    private static Run run(String... args) {
        Path dir = TestDirectories.newDirectory("replay-run");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar()));
        command.addAll(List.of(args));
        try {
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("wharf " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jar() {
        return Path.of(System.getProperty("wharf.jar", "target/wharf.jar"))
                .toAbsolutePath()
                .toString();
    }

    private record Run(int exitCode, String out, String err) {
        String transcript() {
            return "stdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static List<String> payloadsOn(List<Mqtt5Publish> received, String topic) {
        return received.stream()
                .filter(p -> p.getTopic().toString().equals(topic))
                .map(p -> text(p.getPayloadAsBytes()))
                .toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
