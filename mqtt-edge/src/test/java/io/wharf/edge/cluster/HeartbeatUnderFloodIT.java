package io.wharf.edge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.EdgeKafkaClients;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.edge.kafka.cluster.EdgeLiveness;
import io.wharf.router.KafkaRouter;
import io.wharf.router.RouterSettings;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.cluster.ClusterEvent;
import io.wharf.schemas.cluster.EdgeDown;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestDirectories;
import io.wharf.testing.TestKafka;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An edge flooded with QoS 0 and 1 publishes, faster than Kafka takes them, still sends its
 * heartbeats: the cluster never takes it for dead, so the will of a client still connected to it is
 * not published. Kafka is made slower than the flood by a byte-rate quota on the client id of the
 * edge's message producer, so that its (deliberately small) buffer stays full.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(180)
class HeartbeatUnderFloodIT {

    private static final Duration FLOOD = Duration.ofSeconds(15);
    private static final Duration SILENCE_ALLOWED = Duration.ofSeconds(6);
    private static final String FLOODED = "edge-flooded";
    private static final int FLOODERS = 4;
    private static final byte[] PAYLOAD = new byte[8 * 1024];

    @Test
    void aFloodedEdgeIsNeverTakenForDeadAndItsClientsWillsStayUnpublished(TestKafka kafka) throws Exception {
        WharfTopics topics =
                new WharfTopics("flood-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            KafkaRouter router = KafkaRouter.start(new RouterSettings(
                    kafka.bootstrapServers(),
                    topics,
                    TestDirectories.newDirectory("flood-router"),
                    SILENCE_ALLOWED,
                    Map.of()));
            closing.add(router::close);
            // A message producer that can hold little, so that the flood fills it.
            Map<String, Object> smallBuffer = Map.of("buffer.memory", 256 * 1024);
            MqttEdge flooded = MqttEdge.start(settings(FLOODED, kafka, topics, smallBuffer));
            closing.add(flooded);
            MqttEdge other = MqttEdge.start(settings("edge-other", kafka, topics, Map.of()));
            closing.add(other);
            EdgeLiveness liveness = new EdgeLiveness(
                    EdgeKafkaClients.consumer(kafka.bootstrapServers(), "flood-observer", Map.of()),
                    topics.cluster(),
                    "edge-other",
                    Instant.now(),
                    SILENCE_ALLOWED,
                    Clock.systemUTC());
            closing.add(liveness);
            liveness.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> liveness.isAlive(FLOODED));

            List<String> wills = new CopyOnWriteArrayList<>();
            Mqtt5AsyncClient watcher = client(other, "will-watcher").toAsync();
            watcher.connect().join();
            watcher.publishes(
                    MqttGlobalPublishFilter.ALL,
                    publish -> wills.add(new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            watcher.subscribeWith()
                    .topicFilter("flood/will")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send()
                    .join();
            Mqtt5BlockingClient withWill = client(flooded, "connected-with-will");
            withWill.connectWith()
                    .sessionExpiryInterval(60)
                    .willPublish()
                    .topic("flood/will")
                    .payload("gone".getBytes(StandardCharsets.UTF_8))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .applyWillPublish()
                    .send();

            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Thread> flooders = new ArrayList<>();
            AtomicInteger published = new AtomicInteger();
            for (int i = 0; i < FLOODERS; i++) {
                Mqtt5AsyncClient flooder = client(flooded, "flooder-" + i).toAsync();
                flooder.connect()
                        .join(); // all connected before the flood: a claim under it may not get through in time
                MqttQos qos = i % 2 == 0 ? MqttQos.AT_MOST_ONCE : MqttQos.AT_LEAST_ONCE;
                flooders.add(new Thread(() -> flood(flooder, qos, flooding, published), "flooder-" + i));
            }
            // Every client is connected: from now on Kafka takes the flooded edge's messages slowly.
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            closing.add(admin);
            ClientQuotaEntity messageProducer =
                    new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, FLOODED + "-messages"));
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(
                            messageProducer, List.of(new ClientQuotaAlteration.Op("producer_byte_rate", 100_000.0)))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            closing.add(() -> admin.alterClientQuotas(List.of(new ClientQuotaAlteration(
                            messageProducer, List.of(new ClientQuotaAlteration.Op("producer_byte_rate", null)))))
                    .all()
                    .get(30, TimeUnit.SECONDS));
            flooders.forEach(Thread::start);
            List<Boolean> seenAlive = new CopyOnWriteArrayList<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> seenAlive.add(liveness.isAlive(FLOODED)), 0, 250, TimeUnit.MILLISECONDS);
            Thread.sleep(FLOOD.toMillis()); // the flood lasts what it lasts
            flooding.set(false);
            for (Thread thread : flooders) {
                thread.join();
            }
            sampler.shutdownNow();

            assertThat(producerMetric(FLOODED + "-messages", "buffer-exhausted-total"))
                    .as("publishes that found the message producer's buffer full")
                    .isPositive();
            assertThat(seenAlive).isNotEmpty().doesNotContain(false);
            assertThat(withWill.getState().isConnected()).isTrue();
            assertThat(edgeDownEvents(kafka, topics)).isEmpty();
            assertThat(wills).isEmpty();
            withWill.disconnect();
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                closing.get(i).close();
            }
        }
    }

    private static void flood(Mqtt5AsyncClient client, MqttQos qos, AtomicBoolean flooding, AtomicInteger published) {
        Semaphore outstanding = new Semaphore(200);
        while (flooding.get()) {
            try {
                if (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            client.publishWith()
                    .topic("flood/data")
                    .qos(qos)
                    .payload(PAYLOAD)
                    .send()
                    .whenComplete((result, error) -> {
                        outstanding.release();
                        published.incrementAndGet();
                    });
        }
        client.disconnect();
    }

    private static EdgeSettings settings(
            String nodeId, TestKafka kafka, WharfTopics topics, Map<String, Object> overrides) {
        return EdgeSettings.builder(nodeId, kafka.bootstrapServers(), topics)
                .kafkaClientOverrides(overrides)
                .build();
    }

    private static Mqtt5BlockingClient client(MqttEdge edge, String id) {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(id)
                .serverHost("127.0.0.1")
                .serverPort(edge.mqttPort())
                .buildBlocking();
    }

    /** One of the Kafka producer's own metrics. */
    private static double producerMetric(String clientId, String metric) throws Exception {
        Object value = ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId), metric);
        return ((Number) value).doubleValue();
    }

    private static List<EdgeDown> edgeDownEvents(TestKafka kafka, WharfTopics topics) {
        String topic = topics.cluster().name();
        List<EdgeDown> down = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                EdgeKafkaClients.consumer(kafka.bootstrapServers(), "flood-cluster-reader", Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ClusterEvent event =
                            topics.cluster().valueSerde().deserializer().deserialize(topic, record.value());
                    if (event instanceof EdgeDown edgeDown) {
                        down.add(edgeDown);
                    }
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return down;
    }
}
