package io.wharf.edge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wharf.edge.auth.acl.Action;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What an edge counts, in Prometheus form on {@code /metrics}: connections, messages in and out,
 * what was dropped or skipped and why, and the JVM's memory, GC and threads.
 */
public final class EdgeMetrics implements AutoCloseable {

    private static final String KAFKA_RECORDS_LAG = "kafka.consumer.fetch.manager.records.lag";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] received = new Counter[3];
    private final Counter[] delivered = new Counter[3];
    private final Counter droppedForSlowSubscribers;
    private final Counter droppedTooLarge;
    private final Counter droppedKafkaUnavailable;
    private final Counter skippedRecords;
    private final Counter[] receivedBytes = new Counter[3];
    private final Counter[] deliveredBytes = new Counter[3];
    private final Map<Action, Counter> denied = new EnumMap<>(Action.class);
    private final Timer produced;
    private final Counter takeovers;
    private final Counter willsPublished;
    private final Counter sessionsExpired;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public EdgeMetrics(String nodeId) {
        registry.config().commonTags("edge", nodeId);
        // Of a Kafka client's many meters only the consumer lag is wanted (see ConsumerLagMeters).
        registry.config()
                .meterFilter(MeterFilter.deny(
                        id -> id.getName().startsWith("kafka.") && !id.getName().startsWith(KAFKA_RECORDS_LAG)));
        for (int qos = 0; qos < 3; qos++) {
            received[qos] = Counter.builder("wharf.messages.received")
                    .description("Messages clients published to this edge")
                    .tag("qos", String.valueOf(qos))
                    .register(registry);
            delivered[qos] = Counter.builder("wharf.messages.delivered")
                    .description("PUBLISH packets this edge sent to clients")
                    .tag("qos", String.valueOf(qos))
                    .register(registry);
            receivedBytes[qos] = Counter.builder("wharf.payload.received")
                    .baseUnit("bytes")
                    .description("Payload bytes of the messages clients published to this edge")
                    .tag("qos", String.valueOf(qos))
                    .register(registry);
            deliveredBytes[qos] = Counter.builder("wharf.payload.delivered")
                    .baseUnit("bytes")
                    .description("Payload bytes of the PUBLISH packets this edge sent to clients")
                    .tag("qos", String.valueOf(qos))
                    .register(registry);
        }
        produced = Timer.builder("wharf.kafka.produce")
                .description("From a client's PUBLISH handed to the producer to Kafka's acknowledgement of its record")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        takeovers = Counter.builder("wharf.sessions.taken.over")
                .description("Connections closed because the client connected again (here or on another edge)")
                .register(registry);
        sessionsExpired = Counter.builder("wharf.sessions.expired")
                .description("Disconnected sessions this edge stored last that ended when their expiry interval passed")
                .register(registry);
        willsPublished = Counter.builder("wharf.wills.published")
                .description("Wills this edge published for connections that ended without DISCONNECT")
                .register(registry);
        droppedForSlowSubscribers = Counter.builder("wharf.messages.dropped")
                .description("QoS 0 messages not sent because the client did not keep up")
                .tag("reason", "slow-subscriber")
                .register(registry);
        droppedTooLarge = Counter.builder("wharf.messages.dropped")
                .description("Messages not sent because they exceed the client's Maximum Packet Size")
                .tag("reason", "too-large-for-client")
                .register(registry);
        droppedKafkaUnavailable = Counter.builder("wharf.messages.dropped")
                .description("QoS 0 messages from clients not written because Kafka could not take them at once")
                .tag("reason", "kafka-unavailable")
                .register(registry);
        skippedRecords = Counter.builder("wharf.records.skipped")
                .description("Kafka records that are no MQTT message (no key or no value)")
                .register(registry);
        for (Action action : Action.values()) {
            denied.put(
                    action,
                    Counter.builder("wharf.auth.denied")
                            .description("Publishes, subscriptions and deliveries the access rules refused")
                            .tag("action", action.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
    }

    /** Counts the clients connected now. */
    public void connections(Supplier<Number> count) {
        Gauge.builder("wharf.connections", count)
                .description("MQTT clients connected to this edge")
                .register(registry);
    }

    /**
     * Counts the sessions this edge holds, by state: those of its connected clients, and the
     * disconnected ones it stored last (summed over the edges, each session counts once).
     */
    public void sessions(Supplier<Number> connected, Supplier<Number> disconnected) {
        Gauge.builder("wharf.sessions", connected)
                .description("Sessions this edge holds, by state")
                .tag("state", "connected")
                .register(registry);
        Gauge.builder("wharf.sessions", disconnected)
                .description("Sessions this edge holds, by state")
                .tag("state", "disconnected")
                .register(registry);
    }

    /** Counts a session this edge stored last that ended because its expiry interval passed. */
    public void sessionExpired() {
        sessionsExpired.increment();
    }

    /** 1 while the edge can write to Kafka, 0 while it cannot (and reports itself not ready). */
    public void kafkaWritable(BooleanSupplier writable) {
        Gauge.builder("wharf.kafka.writable", () -> writable.getAsBoolean() ? 1 : 0)
                .description("Whether this edge can write to Kafka now")
                .register(registry);
    }

    /** Counts a client refused at CONNECT for its credentials, by the kind of refusal. */
    public void authRefused(String reason) {
        Counter.builder("wharf.auth.refusals")
                .description("Clients refused at CONNECT for their credentials")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Counts a limit that bit ({@code wharf_limit_hits_total}), by the limit's setting name. */
    public void limitHit(String limit) {
        Counter.builder("wharf.limit.hits")
                .description("Times a limit on what one client may cost the edge refused or slowed it")
                .tag("limit", limit)
                .register(registry)
                .increment();
    }

    /** A payload did not fit the schema of its Kafka topic's mapping rule; {@code action} is what the rule did with it. */
    public void payloadInvalid(String kafkaTopic, String action) {
        Counter.builder("wharf.payloads.invalid")
                .description(
                        "Payloads that did not fit their mapping rule's schema: rejected, dead-lettered or passed raw")
                .tag("topic", kafkaTopic)
                .tag("action", action)
                .register(registry)
                .increment();
    }

    public void received(int qos, int payloadBytes) {
        received[qos].increment();
        receivedBytes[qos].increment(payloadBytes);
    }

    public void delivered(int qos, int payloadBytes) {
        delivered[qos].increment();
        deliveredBytes[qos].increment(payloadBytes);
    }

    /** A client's message was written to Kafka, {@code nanos} after it was handed to the producer. */
    public void kafkaWritten(long nanos) {
        produced.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A client's message could not be written to Kafka, for good. */
    public void kafkaWriteFailed(Throwable error) {
        Counter.builder("wharf.kafka.produce.errors")
                .description("Client messages Kafka did not take, by the error's kind")
                .tag("error", error.getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    public void takenOver() {
        takeovers.increment();
    }

    public void willPublished() {
        willsPublished.increment();
    }

    /** Counts the subscriptions of this edge's connected clients. */
    public void subscriptions(Supplier<Number> count) {
        Gauge.builder("wharf.subscriptions", count)
                .description("Topic filters the clients connected to this edge subscribe to")
                .register(registry);
    }

    /** 1 while the edge drains (takes no new clients), 0 while it serves. */
    public void draining(BooleanSupplier draining) {
        Gauge.builder("wharf.draining", () -> draining.getAsBoolean() ? 1 : 0)
                .description("Whether this edge is draining")
                .register(registry);
    }

    /** The registry, for the Kafka clients' own meters (their consumer lag). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Messages clients published to this edge since it started, of every QoS. */
    public long messagesReceived() {
        return total(received);
    }

    /** PUBLISH packets this edge sent to clients since it started, of every QoS. */
    public long messagesDelivered() {
        return total(delivered);
    }

    /** The records this edge's consumers have yet to read, over every partition they follow. */
    public long kafkaLag() {
        double lag = 0;
        for (Gauge partition : registry.find(KAFKA_RECORDS_LAG).gauges()) {
            double records = partition.value();
            if (records > 0) { // NaN until a partition is fetched from
                lag += records;
            }
        }
        return (long) lag;
    }

    private static long total(Counter[] byQos) {
        long sum = 0;
        for (Counter counter : byQos) {
            sum += (long) counter.count();
        }
        return sum;
    }

    public void droppedForSlowSubscriber() {
        droppedForSlowSubscribers.increment();
    }

    public void droppedTooLarge() {
        droppedTooLarge.increment();
    }

    /** A QoS 0 message from a client was not written: Kafka was away or the producer's buffer full. */
    public void droppedQos0KafkaUnavailable() {
        droppedKafkaUnavailable.increment();
    }

    /** The access rules refused a client's PUBLISH, a filter of its SUBSCRIBE, or a delivery to it. */
    public void denied(Action action) {
        denied.get(action).increment();
    }

    public void skippedRecord() {
        skippedRecords.increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
