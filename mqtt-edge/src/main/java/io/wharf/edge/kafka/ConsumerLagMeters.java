package io.wharf.edge.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Puts the edge's consumers' own metrics on its registry, which keeps of them the lag: how many
 * records each partition a consumer reads holds beyond its position
 * ({@code kafka_consumer_fetch_manager_records_lag{client_id,topic,partition}}), for the live feed
 * and for sessions catching up.
 */
public final class ConsumerLagMeters implements AutoCloseable {

    // A partition's lag meter exists once the consumer fetched from it: looked for this often.
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final List<KafkaClientMetrics> bound = new ArrayList<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "wharf-consumer-meters");
        thread.setDaemon(true);
        return thread;
    });

    public ConsumerLagMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @return {@code consumer}, its meters bound */
    public synchronized <C extends Consumer<?, ?>> C bind(C consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, List.of(), refresher, REFRESH);
        metrics.bindTo(registry);
        bound.add(metrics);
        return consumer;
    }

    @Override
    public synchronized void close() {
        bound.forEach(KafkaClientMetrics::close);
        bound.clear();
        refresher.shutdownNow();
    }
}
