package io.wharf.loadtest.bench;

import io.wharf.loadtest.scenario.LoadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The runs of one benchmark: which scenario, with which settings, against which brokers. The full
 * plan takes about a quarter of an hour per broker on 2 cores; the quick plan is a smoke test.
 */
final class BenchPlan {

    static final String WHARF = "wharf";
    static final String MOSQUITTO = "mosquitto";
    static final String HIVEMQ = "hivemq-ce";
    static final Set<String> MQTT_BROKERS = Set.of(WHARF, MOSQUITTO, HIVEMQ);
    static final Set<String> WHARF_ONLY = Set.of(WHARF);

    /** The latency target is read from this step. */
    static final String LATENCY_STEP = "telemetry-1k";
    /** The ingest target compares these two steps. */
    static final String INGEST_STEP = "ingest-qos1";

    static final String RAW_KAFKA_STEP = "kafka-produce";
    /** The fan-out target is read from this step. */
    static final String FAN_OUT_STEP = "fan-out-qos1";

    /**
     * @param label the row name in the ratio table
     * @param targets the brokers it runs against; raw Kafka runs with Wharf's embedded broker
     */
    record Step(
            String label, String scenario, String description, Set<String> targets, Consumer<LoadOptions> settings) {

        LoadOptions options(LoadOptions base) {
            LoadOptions options = base.copy();
            settings.accept(options);
            return options;
        }
    }

    private BenchPlan() {}

    static List<Step> full() {
        List<Step> steps = new ArrayList<>();
        steps.add(step(
                LATENCY_STEP,
                "fan-in",
                "1,000 devices x 1 msg/s QoS 1, 2 wildcard subscribers, 20 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.others = 2;
                    o.rate = 1;
                    o.qos = 1;
                    o.durationSeconds = 20;
                }));
        steps.add(step(
                INGEST_STEP,
                "fan-in",
                "100 publishers unpaced QoS 1 (window 20), no subscriber, 15 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 100;
                    o.others = 0;
                    o.rate = 0;
                    o.qos = 1;
                    o.durationSeconds = 15;
                }));
        steps.add(step(
                RAW_KAFKA_STEP,
                "kafka-raw",
                "one producer unpaced, acks=all, same key and value size, 6 partitions, 15 s",
                WHARF_ONLY,
                o -> {
                    o.connections = 100;
                    o.rate = 0;
                    o.durationSeconds = 15;
                }));
        steps.add(step(
                FAN_OUT_STEP,
                "fan-out",
                "1 publisher x 100 msg/s QoS 1 to 1,000 subscribers (100,000 deliveries/s offered), 15 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.others = 1;
                    o.rate = 100;
                    o.qos = 1;
                    o.durationSeconds = 15;
                }));
        steps.add(step(
                "fan-out-qos0",
                "fan-out",
                "1 publisher x 100 msg/s QoS 0 to 1,000 subscribers, 15 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.others = 1;
                    o.rate = 100;
                    o.qos = 0;
                    o.durationSeconds = 15;
                }));
        steps.add(step(
                "point-to-point",
                "point-to-point",
                "1,000 app/device pairs x 1 command/s QoS 1, round trip, 15 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.rate = 1;
                    o.qos = 1;
                    o.durationSeconds = 15;
                }));
        steps.add(step(
                "connection-storm",
                "connection-storm",
                "10,000 clients connect unpaced (500 handshakes in flight)",
                MQTT_BROKERS,
                o -> {
                    o.connections = 10_000;
                    o.connectRate = 0;
                }));
        steps.add(step(
                "persistent-reconnect",
                "persistent-reconnect",
                "1,000 persistent sessions x 10 queued QoS 1 messages, all reconnect",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.messagesPerSession = 10;
                    o.qos = 1;
                    o.drainSeconds = 10;
                }));
        steps.add(step(
                "kafka-to-mqtt",
                "kafka-to-mqtt",
                "Kafka producer 20 records/s to 1,000 MQTT subscribers (20,000 deliveries/s), 15 s",
                WHARF_ONLY,
                o -> {
                    o.connections = 1000;
                    o.rate = 20;
                    o.qos = 1;
                    o.durationSeconds = 15;
                }));
        return steps;
    }

    /** Seconds, not minutes: tiny counts, one second of load, to prove every part runs. */
    static List<Step> quick() {
        List<Step> steps = new ArrayList<>();
        for (Step step : full()) {
            steps.add(step(
                    step.label(),
                    step.scenario(),
                    step.description() + " [quick: 10 connections, 1 s]",
                    step.targets(),
                    o -> {
                        step.settings().accept(o);
                        o.connections = 10;
                        o.others = Math.min(o.others, 1);
                        o.durationSeconds = 1;
                        o.drainSeconds = 3;
                        o.messagesPerSession = 2;
                    }));
        }
        return steps;
    }

    private static Step step(
            String label, String scenario, String description, Set<String> targets, Consumer<LoadOptions> settings) {
        return new Step(label, scenario, description, targets, settings);
    }
}
