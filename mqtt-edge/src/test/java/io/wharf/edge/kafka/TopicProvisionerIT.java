package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
@Timeout(60)
class TopicProvisionerIT {

    private final WharfTopics topics =
            new WharfTopics("prov-" + UUID.randomUUID().toString().substring(0, 8) + ".");

    @Test
    void createsEveryMissingTopicWithTheCleanupPolicyItNeeds(TestKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());

            assertThat(cleanupPolicy(admin, topics.messages().name())).isEqualTo("delete");
            assertThat(cleanupPolicy(admin, topics.retained().name())).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, topics.sessions().name())).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, topics.wills().name())).isEqualTo("compact");
            assertThat(cleanupPolicy(admin, topics.cluster().name())).isEqualTo("delete");

            // A second edge starting against the same cluster finds everything in place.
            TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        }
    }

    @Test
    void aTopicWithTheWrongCleanupPolicyIsNamedWithTheFix(TestKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topics.retained().name(), 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"))))
                    .all()
                    .get();

            assertThatThrownBy(() -> TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults()))
                    .isInstanceOf(TopicProvisioningException.class)
                    .hasMessageContaining(
                            "topic " + topics.retained().name() + " has cleanup.policy=delete but Wharf needs compact")
                    .hasMessageContaining("--add-config cleanup.policy=compact");
        }
    }

    @Test
    void anUnreachableClusterIsReportedWithWhatToCheck() {
        assertThatThrownBy(() -> TopicProvisioner.ensure(
                        "127.0.0.1:1", Map.of(), topics, TopicLayout.defaults(), Duration.ofSeconds(3)))
                .isInstanceOf(TopicProvisioningException.class)
                .hasMessageContaining("Kafka at 127.0.0.1:1 did not answer")
                .hasMessageContaining("Check that the address is right");
    }

    private static Admin admin(TestKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value();
    }
}
