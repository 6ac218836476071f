package io.wharf.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopics;
import io.wharf.testing.KafkaProcess;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A closed edge leaves nothing running: an embedder that starts and stops edges (or a test suite)
 * must not collect Kafka clients that go on polling, and reconnecting, after the edge is gone.
 */
@Timeout(120)
class EdgeCloseIT {

    private static final Pattern SHARED_THREADS =
            Pattern.compile("ForkJoinPool\\.commonPool|CompletableFutureDelayScheduler|process reaper|awaitility");

    /** The broker runs in a process of its own, so that every thread this JVM gains is the edge's. */
    private static KafkaProcess kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaProcess.start("edge-close");
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void closingAnEdgeStopsEveryThreadItStarted() {
        WharfTopics topics = new WharfTopics("close.");
        TopicProvisioner.ensure(kafka.bootstrapServers(), topics, TopicLayout.defaults());
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

        MqttEdge edge = MqttEdge.start(EdgeSettings.forLocalKafka("closing-edge", kafka.bootstrapServers(), topics));
        assertThat(startedSince(before)).as("threads of the running edge").isNotEmpty();
        edge.close();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(startedSince(before))
                        .as("threads still alive after the edge closed")
                        .isEmpty());
    }

    /**
     * The live threads that were not there before, by name; the JVM's shared threads (its common
     * pool, the delayed-completion scheduler, the process reaper) and Awaitility's own poller are left
     * out, as they outlive any one user of them.
     */
    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !SHARED_THREADS.matcher(name).lookingAt())
                .sorted()
                .collect(Collectors.toList());
    }
}
