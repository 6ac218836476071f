package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.RunningEdge;
import io.wharf.edge.conformance.Clients;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The record size Kafka takes, end to end: told in CONNACK, and a refusal answered as too large. */
@ExtendWith(KafkaExtension.class)
@Timeout(120)
class TopicSizeLimitsIT {

    private static final int TOPIC_LIMIT = 4096;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TopicLayout SMALL_RECORDS = new TopicLayout(
            1, 1, (short) 0, Duration.ofDays(1), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "" + TOPIC_LIMIT));

    @Test
    void connackTellsTheTopicsLimitLessTheRecordOverhead(TestKafka kafka) {
        try (RunningEdge edge = RunningEdge.start(kafka, SMALL_RECORDS, ProtocolSettings.defaults())) {
            Mqtt5BlockingClient client = Clients.hivemq5(edge, "size-connack");
            Mqtt5ConnAck connAck = client.connect();
            assertThat(connAck.getRestrictions().getMaximumPacketSize())
                    .isEqualTo(TOPIC_LIMIT - TopicSizeLimits.RECORD_OVERHEAD);
            client.disconnect();
        }
    }

    @Test
    void aMessageKafkaRefusesAsTooLargeIsAnsweredAsSuchAndLogged(TestKafka kafka) throws Exception {
        try (RunningEdge edge = RunningEdge.start(kafka, SMALL_RECORDS, ProtocolSettings.defaults());
                LogLines lines = new LogLines(KafkaMessageLog.class)) {
            String topic = edge.topics().messages().name();
            // An operator lowers the limit while the edge runs: what the client was told no longer holds.
            lowerLimit(kafka, topic, 1024);
            byte[] payload = new byte[2000];

            AtomicReference<Mqtt5Disconnect> disconnect = new AtomicReference<>();
            Mqtt5BlockingClient mqtt5 = MqttClient.builder()
                    .useMqttVersion5()
                    .identifier("size-refused-5")
                    .serverHost("127.0.0.1")
                    .serverPort(edge.mqttPort())
                    .addDisconnectedListener(context -> {
                        if (context.getCause() instanceof Mqtt5DisconnectException e) {
                            disconnect.set(e.getMqttMessage());
                        }
                    })
                    .buildBlocking();
            mqtt5.connect();
            assertThatThrownBy(() -> mqtt5.publishWith()
                            .topic("sensors/big")
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload)
                            .send())
                    .isNotNull();
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(disconnect.get()).isNotNull());
            assertThat(disconnect.get().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.PACKET_TOO_LARGE);
            assertThat(disconnect.get().getReasonString().orElseThrow().toString())
                    .contains(topic)
                    .contains(TOPIC_LIMIT + " bytes");

            org.eclipse.paho.client.mqttv3.MqttClient mqtt311 = Clients.paho311(edge, "size-refused-311", true);
            assertThatThrownBy(() -> mqtt311.publish("sensors/big", payload, 1, false))
                    .isInstanceOf(MqttException.class);
            await().atMost(WAIT).until(() -> !mqtt311.isConnected());
            mqtt311.close(true);

            assertThat(lines.anyContains("size-refused-5", "sensors/big", topic, "max.message.bytes"))
                    .isTrue();
            assertThat(lines.anyContains("size-refused-311", "sensors/big", topic))
                    .isTrue();
        }
    }

    /** Lowers {@code max.message.bytes} and waits until the broker refuses a record past it. */
    private static void lowerLimit(TestKafka kafka, String topic, int bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "" + bytes),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            await().atMost(WAIT).until(() -> {
                try {
                    producer.send(new ProducerRecord<>(topic, "probe".getBytes(), new byte[2000]))
                            .get();
                    return false;
                } catch (ExecutionException e) {
                    return e.getCause() instanceof RecordTooLargeException;
                }
            });
        }
    }

    /** The lines one class logs while a test runs. */
    private static final class LogLines implements AutoCloseable {

        private final Logger logger;
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        LogLines(Class<?> source) {
            logger = (Logger) LoggerFactory.getLogger(source);
            appender.start();
            logger.addAppender(appender);
        }

        boolean anyContains(String... parts) {
            synchronized (appender) {
                return appender.list.stream()
                        .map(ILoggingEvent::getFormattedMessage)
                        .anyMatch(line -> List.of(parts).stream().allMatch(line::contains));
            }
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
