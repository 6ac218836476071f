package io.wharf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class KafkaProcessIT {

    @Test
    void aKilledBrokerComesBackWithItsRecordsAndAFrozenOneLetsRequestsHang() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start("kafka-process")) {
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("before", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            KafkaRecords.write(
                    kafka.bootstrapServers(),
                    new ProducerRecord<>(
                            "before", "k".getBytes(StandardCharsets.UTF_8), "kept".getBytes(StandardCharsets.UTF_8)));

            kafka.kill();
            kafka.start();

            assertThat(KafkaRecords.readUntil(
                            kafka.bootstrapServers(), "before", record -> true, Duration.ofSeconds(60)))
                    .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactly("kept");

            Map<String, Object> config = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    ProducerConfig.LINGER_MS_CONFIG, 0);
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("before", new byte[1])).get(30, TimeUnit.SECONDS);
                kafka.freeze();
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("before", new byte[1]))
                                .get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
                kafka.thaw();
                producer.send(new ProducerRecord<>("before", new byte[1])).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBrokerThatCannotHaveItsPortDoesNotPassForStarted() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start("kafka-process-port-taken")) {
            kafka.kill();
            int port = Integer.parseInt(kafka.bootstrapServers().substring("127.0.0.1:".length()));
            try (ServerSocket squatter = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThatThrownBy(kafka::start)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(kafka.logFile().toString());
            }
        }
    }
}
