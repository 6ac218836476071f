package io.wharf.edge;

import io.wharf.testing.KafkaExtension;
import io.wharf.testing.TestKafka;
import org.junit.jupiter.api.extension.ExtendWith;

/** The end-to-end path against Wharf's own embedded Kafka broker. */
@ExtendWith(KafkaExtension.class)
class EmbeddedKafkaEndToEndIT extends EndToEndContract {

    private final TestKafka kafka;

    EmbeddedKafkaEndToEndIT(TestKafka kafka) {
        this.kafka = kafka;
    }

    @Override
    TestKafka kafka() {
        return kafka;
    }
}
