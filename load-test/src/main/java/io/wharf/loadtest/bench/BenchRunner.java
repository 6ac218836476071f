package io.wharf.loadtest.bench;

import io.wharf.loadtest.Summary;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.scenario.LoadOptions;
import io.wharf.loadtest.scenario.Scenario;
import io.wharf.loadtest.scenario.ScenarioResult;
import io.wharf.loadtest.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the plan against each broker in turn: start it, read its CPU with no traffic and its idle
 * memory, run every step that applies (a discarded warm-up, then the rounds), stop it. A run that
 * fails is recorded as failed and the benchmark goes on.
 */
final class BenchRunner {

    /** What the raw Kafka row guarantees, for the report. */
    static final String RAW_KAFKA_GUARANTEE =
            "acks=all, idempotent producer, on Wharf's embedded single-node Kafka (one replica): what Wharf's own writes get";

    /**
     * @param jvmOptions options of the broker JVMs (Wharf and HiveMQ get the same)
     * @param idleConnections connection counts for the memory readings; empty skips them
     */
    record Settings(
            List<String> targets,
            BenchPlan.Plan plan,
            LoadOptions base,
            Path workDirectory,
            Path wharfJar,
            Path hivemqRunner,
            List<String> jvmOptions,
            List<Integer> idleConnections) {}

    private final Settings settings;
    private final List<StepResult> results = new ArrayList<>();
    private final List<IdleCpu.Reading> idleCpu = new ArrayList<>();
    private final List<IdleMemory.Reading> memory = new ArrayList<>();
    private final Map<String, String> guarantees = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    BenchRunner(Settings settings) {
        this.settings = settings;
    }

    BenchReport run(String command) {
        String date = Instant.now().toString();
        String loadBefore = Machine.loadAverage();
        BenchPlan.Plan plan = settings.plan();
        for (String target : settings.targets()) {
            System.err.println("=== " + target + " ===");
            try (Broker broker = start(target)) {
                guarantees.put(broker.name(), broker.guarantee());
                readIdleCpu(broker);
                for (int connections : settings.idleConnections()) {
                    readIdleMemory(broker, connections);
                }
                for (BenchPlan.Step step : plan.steps()) {
                    if (step.targets().contains(target)) {
                        runStep(step, broker);
                    }
                }
            } catch (RuntimeException e) {
                problems.add(target + " could not be benchmarked: " + e.getMessage());
                System.err.println(target + " could not be benchmarked: " + e);
            }
        }
        if (results.stream().anyMatch(step -> step.target().equals(BenchPlan.RAW_KAFKA))) {
            guarantees.put(BenchPlan.RAW_KAFKA, RAW_KAFKA_GUARANTEE);
        }
        String load = "1-minute load average before the run " + loadBefore + ", after it " + Machine.loadAverage();
        return new BenchReport(
                command,
                Machine.describe(),
                load,
                date,
                settings.targets(),
                plan.rounds(),
                plan.warmUp(),
                Map.copyOf(guarantees),
                List.copyOf(results),
                List.copyOf(idleCpu),
                List.copyOf(memory),
                List.copyOf(problems));
    }

    private Broker start(String target) {
        Path work = settings.workDirectory().resolve(target);
        return switch (target) {
            case BenchPlan.WHARF -> WharfBroker.start(settings.wharfJar(), work, settings.jvmOptions());
            case BenchPlan.MOSQUITTO -> MosquittoBroker.start(work);
            case BenchPlan.HIVEMQ -> HiveMqBroker.start(settings.hivemqRunner(), work, settings.jvmOptions());
            default ->
                throw new IllegalArgumentException("unknown target " + target + "; one of " + BenchPlan.MQTT_BROKERS);
        };
    }

    private void readIdleCpu(Broker broker) {
        LoadOptions options = settings.base().copy();
        options.port = broker.mqttPort();
        try {
            idleCpu.addAll(IdleCpu.measure(broker, options, settings.plan().idle()));
        } catch (RuntimeException e) {
            problems.add("idle CPU of " + broker.name() + " failed: " + e.getMessage());
        }
    }

    private void readIdleMemory(Broker broker, int connections) {
        LoadOptions options = settings.base().copy();
        options.port = broker.mqttPort();
        try {
            memory.add(IdleMemory.measure(broker, options, connections));
        } catch (RuntimeException e) {
            problems.add("idle memory of " + broker.name() + " at " + connections + " connections failed: "
                    + e.getMessage());
        }
    }

    private void runStep(BenchPlan.Step step, Broker broker) {
        String warmUp = "none";
        if (settings.plan().warmUp()) {
            RoundResult run = runOnce(step, step.warmUpOptions(settings.base()), broker, "warm-up");
            warmUp = run.failure() == null ? "discarded" : "failed: " + run.failure();
        }
        List<RoundResult> rounds = new ArrayList<>();
        for (int round = 1; round <= settings.plan().rounds(); round++) {
            rounds.add(runOnce(step, step.options(settings.base()), broker, "round " + round));
        }
        StepResult result = new StepResult(step.label(), step.description(), target(step, broker), warmUp, rounds);
        if (result.failure() != null) {
            problems.add(step.label() + " on " + result.target() + ": " + result.failure());
        }
        results.add(result);
    }

    private static String target(BenchPlan.Step step, Broker broker) {
        return step.scenario().equals("kafka-raw") ? BenchPlan.RAW_KAFKA : broker.name();
    }

    private RoundResult runOnce(BenchPlan.Step step, LoadOptions options, Broker broker, String round) {
        options.port = broker.mqttPort();
        options.target = target(step, broker);
        if (broker instanceof WharfBroker wharf) {
            options.kafkaBootstrap = wharf.kafkaBootstrap();
        }
        options.topicPrefix = "bench-" + step.label() + "-" + Long.toString(System.nanoTime(), 36);
        Scenario scenario = Scenarios.named(step.scenario());
        ScenarioResult result = null;
        String failure = null;
        try (CpuSampler brokerCpu = CpuSampler.start(broker.process());
                CpuSampler clientCpu = CpuSampler.start(ProcessHandle.current())) {
            try (LoadClients clients = new LoadClients(options.threads, options.window)) {
                result = scenario.run(options, clients);
                System.err.println("[" + step.label() + " " + round + "] " + Summary.line(result));
            } catch (RuntimeException e) {
                System.err.println(step.label() + " " + round + " on " + options.target + " failed: " + e);
                failure = e.toString();
            }
            if (result == null) {
                return new RoundResult(null, failure, Double.NaN, Double.NaN);
            }
            return new RoundResult(
                    result,
                    failure,
                    brokerCpu.secondsBetween(result.loadStartNanos(), result.loadEndNanos()),
                    clientCpu.secondsBetween(result.loadStartNanos(), result.loadEndNanos()));
        }
    }
}
