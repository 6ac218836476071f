package io.wharf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaClusterExtension.class)
@Timeout(180)
class KafkaTestClusterIT {

    @Test
    void writesGoOnWithOneBrokerStoppedAndItRejoinsWhenStarted(KafkaTestCluster cluster) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3)))
                    .all()
                    .get();
            int stopped = cluster.brokerIds().get(0);

            cluster.stopBroker(stopped);
            try (KafkaProducer<String, String> producer = producer(cluster)) {
                producer.send(new ProducerRecord<>("replicated", "k", "written while a broker is down"))
                        .get();
            }

            cluster.startBroker(stopped);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() ->
                            assertThat(inSyncReplicas(admin, "replicated")).isEqualTo(3));
        }
    }

    private static int inSyncReplicas(Admin admin, String topic) throws Exception {
        TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().get(0).isr().size();
    }

    private static KafkaProducer<String, String> producer(KafkaTestCluster cluster) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        cluster.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        60_000),
                new StringSerializer(),
                new StringSerializer());
    }
}
