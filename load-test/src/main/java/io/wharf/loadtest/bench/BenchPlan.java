package io.wharf.loadtest.bench;

import io.wharf.loadtest.scenario.LoadOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The runs of one benchmark: which scenario, with which settings, against which brokers, how many
 * rounds, and how long the idle readings wait. Every step runs once as a discarded warm-up (a third
 * of its duration) and then {@link #ROUNDS} times; {@link #estimatedSeconds} says how long that
 * takes. The quick plan is a smoke test: one round of each step, tiny counts, no warm-up.
 */
final class BenchPlan {

    static final String WHARF = "wharf";
    static final String MOSQUITTO = "mosquitto";
    static final String HIVEMQ = "hivemq-ce";
    static final String RAW_KAFKA = "kafka";
    static final Set<String> MQTT_BROKERS = Set.of(WHARF, MOSQUITTO, HIVEMQ);
    static final Set<String> WHARF_ONLY = Set.of(WHARF);

    static final int ROUNDS = 3;

    /** The latency and CPU-at-1,000-msg/s targets are read from this step. */
    static final String LATENCY_STEP = "telemetry-1k";
    /** Publish to PUBACK as a device sees it. */
    static final String PUBACK_STEP = "puback-latency";
    /** The ingest target compares this step with the peers' and with raw Kafka's. */
    static final String INGEST_STEP = "ingest-qos1";

    static final String FEW_PUBLISHERS_INGEST_STEP = "ingest-10x20";
    static final String RAW_KAFKA_STEP = "kafka-produce";
    static final String FAN_OUT_STEP = "fan-out-qos1";
    static final String FAN_OUT_QOS0_STEP = "fan-out-qos0";
    static final String PERSISTENT_STEP = "persistent-reconnect";

    /** The ingest step's publishers and window: the raw Kafka row keeps as many records in flight. */
    private static final int INGEST_PUBLISHERS = 100;

    private static final int INGEST_WINDOW = 20;

    /**
     * @param label the row name in the tables
     * @param targets the brokers it runs against; raw Kafka runs with Wharf's embedded broker
     * @param overheadSeconds a run's time beyond its load duration (connecting, draining,
     *     disconnecting) on 2 cores, for the estimate
     */
    record Step(
            String label,
            String scenario,
            String description,
            Set<String> targets,
            Consumer<LoadOptions> settings,
            double overheadSeconds) {

        LoadOptions options(LoadOptions base) {
            LoadOptions options = base.copy();
            settings.accept(options);
            return options;
        }

        /** The same run, shorter: a third of the duration, at least a second. */
        LoadOptions warmUpOptions(LoadOptions base) {
            LoadOptions options = options(base);
            options.durationSeconds = Math.max(1, (options.durationSeconds + 2) / 3);
            return options;
        }
    }

    /**
     * The readings of a broker with no traffic at all, once it settled after its start.
     *
     * @param settleSeconds time given to a broker after start (and after the idle clients connect)
     *     before its CPU is read: long enough for a JVM broker's JIT compiler, busy for the first
     *     half minute after start, to be done, since idle means the steady state
     * @param windows readings of {@code windowSeconds} each, with no connection and then with
     *     {@code connections} idle ones
     */
    record Idle(int settleSeconds, int windowSeconds, int windows, int connections) {

        double estimatedSeconds() {
            return 2.0 * settleSeconds + 2.0 * windows * windowSeconds + 2;
        }
    }

    /**
     * @param rounds measured rounds of every step
     * @param warmUp whether each step runs once, discarded, before its rounds
     */
    record Plan(List<Step> steps, int rounds, boolean warmUp, Idle idle) {

        Plan withSteps(List<Step> chosen) {
            return new Plan(chosen, rounds, warmUp, idle);
        }

        Plan withRounds(int count, boolean warm) {
            return new Plan(steps, count, warm, idle);
        }

        /**
         * Seconds the plan takes against {@code targets} on 2 cores, from each step's duration and
         * overhead times its runs, plus the idle readings, {@code idleMemorySeconds} per broker for
         * the memory readings and {@code startSeconds} to start and stop each broker. An estimate,
         * not a measurement: the brokers' own speed moves it.
         */
        double estimatedSeconds(List<String> targets, double idleMemorySeconds, double startSeconds) {
            double total = 0;
            for (String target : targets) {
                total += idle.estimatedSeconds() + idleMemorySeconds + startSeconds;
                for (Step step : steps) {
                    if (!step.targets().contains(target)) {
                        continue;
                    }
                    LoadOptions base = new LoadOptions();
                    total += rounds * (step.options(base).durationSeconds + step.overheadSeconds());
                    if (warmUp) {
                        total += step.warmUpOptions(base).durationSeconds + step.overheadSeconds();
                    }
                }
            }
            return total;
        }
    }

    private BenchPlan() {}

    static Plan full() {
        return new Plan(steps(), ROUNDS, true, new Idle(30, 5, 3, 100));
    }

    /** Seconds, not minutes: one round, tiny counts, one second of load, to prove every part runs. */
    static Plan quick() {
        List<Step> steps = new ArrayList<>();
        for (Step step : steps()) {
            steps.add(new Step(
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
                        o.kafkaInFlight = Math.min(o.kafkaInFlight, 10 * o.window);
                    },
                    1));
        }
        return new Plan(steps, 1, false, new Idle(1, 1, 2, 10));
    }

    private static List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(
                LATENCY_STEP,
                "fan-in",
                "1,000 devices x 1 msg/s QoS 1, 2 wildcard subscribers, 10 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.others = 2;
                    o.rate = 1;
                    o.qos = 1;
                    o.durationSeconds = 10;
                },
                5));
        steps.add(new Step(
                PUBACK_STEP,
                "fan-in",
                "5 devices x 100 msg/s QoS 1, window 1, no subscriber: publish to PUBACK, 8 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 5;
                    o.others = 0;
                    o.rate = 100;
                    o.qos = 1;
                    o.window = 1;
                    o.durationSeconds = 8;
                },
                1));
        steps.add(new Step(
                INGEST_STEP,
                "fan-in",
                INGEST_PUBLISHERS + " publishers unpaced QoS 1 (window " + INGEST_WINDOW + "), no subscriber, 8 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = INGEST_PUBLISHERS;
                    o.others = 0;
                    o.rate = 0;
                    o.qos = 1;
                    o.window = INGEST_WINDOW;
                    o.durationSeconds = 8;
                },
                2));
        steps.add(new Step(
                FEW_PUBLISHERS_INGEST_STEP,
                "fan-in",
                "10 publishers unpaced QoS 1 (window 20), no subscriber, 8 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 10;
                    o.others = 0;
                    o.rate = 0;
                    o.qos = 1;
                    o.window = 20;
                    o.durationSeconds = 8;
                },
                1));
        steps.add(new Step(
                RAW_KAFKA_STEP,
                "kafka-raw",
                "one producer unpaced, acks=all, " + INGEST_PUBLISHERS * INGEST_WINDOW
                        + " records in flight (ingest's publishers x window), ingest's key and value size and"
                        + " the headers Wharf writes (QoS, client id), 6 partitions, 8 s",
                WHARF_ONLY,
                o -> {
                    o.connections = INGEST_PUBLISHERS;
                    o.rate = 0;
                    o.qos = 1;
                    o.kafkaInFlight = INGEST_PUBLISHERS * INGEST_WINDOW;
                    o.kafkaHeaders = "wharf";
                    o.durationSeconds = 8;
                },
                2));
        steps.add(new Step(
                FAN_OUT_STEP,
                "fan-out",
                "1 publisher x 100 msg/s QoS 1 to 1,000 subscribers (100,000 deliveries/s offered), 8 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.others = 1;
                    o.rate = 100;
                    o.qos = 1;
                    o.durationSeconds = 8;
                },
                8));
        steps.add(new Step(
                FAN_OUT_QOS0_STEP,
                "fan-out",
                "1 publisher x 100 msg/s QoS 0 to 1,000 subscribers, 8 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.others = 1;
                    o.rate = 100;
                    o.qos = 0;
                    o.durationSeconds = 8;
                },
                8));
        steps.add(new Step(
                "point-to-point",
                "point-to-point",
                "1,000 app/device pairs x 1 command/s QoS 1, round trip, 8 s",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.rate = 1;
                    o.qos = 1;
                    o.durationSeconds = 8;
                },
                4));
        steps.add(new Step(
                "connection-storm",
                "connection-storm",
                "5,000 clients connect unpaced (500 handshakes in flight)",
                MQTT_BROKERS,
                o -> {
                    o.connections = 5_000;
                    o.connectRate = 0;
                    o.durationSeconds = 0;
                },
                12));
        steps.add(new Step(
                "kafka-to-mqtt",
                "kafka-to-mqtt",
                "Kafka producer 20 records/s to 1,000 MQTT subscribers (20,000 deliveries/s), 8 s",
                WHARF_ONLY,
                o -> {
                    o.connections = 1000;
                    o.rate = 20;
                    o.qos = 1;
                    o.durationSeconds = 8;
                },
                4));
        // Last: it leaves nothing behind (its sessions end), but it is the longest to set up.
        steps.add(new Step(
                PERSISTENT_STEP,
                "persistent-reconnect",
                "1,000 persistent sessions x 10 queued QoS 1 messages, all reconnect; the sessions end afterwards",
                MQTT_BROKERS,
                o -> {
                    o.connections = 1000;
                    o.messagesPerSession = 10;
                    o.qos = 1;
                    o.drainSeconds = 10;
                    o.durationSeconds = 0;
                },
                15));
        return steps;
    }
}
