package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** An edge listening on every address tells the cluster an address others can reach it at. */
@ExtendWith(KafkaExtension.class)
@Timeout(60)
class WildcardBindIT {

    @Test
    void anEdgeBoundToTheWildcardAdvertisesThisHostsAddressForMqttAndHttpAlike(TestKafka kafka) throws Exception {
        WharfTopics topics = new WharfTopics("it-wildcard-" + System.nanoTime() + ".");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        EdgeSettings settings = EdgeSettings.builder("edge-wildcard", kafka.bootstrapServers(), topics)
                .bindHost("0.0.0.0")
                .build();
        try (MqttEdge edge = MqttEdge.start(settings)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode self =
                        ClusterAdminIT.get(edge, "/api/edges").path("items").get(0);
                String httpHost = self.path("httpAddress").asText().replaceFirst(":\\d+$", "");
                assertThat(self.path("mqttAddress").asText())
                        .doesNotStartWith("0.0.0.0")
                        .isEqualTo(httpHost + ":" + edge.mqttPort());
                assertThat(httpHost).isNotEqualTo("0.0.0.0");
            });
        }
    }
}
