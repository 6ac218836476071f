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
import java.util.List;

/**
 * Runs the plan against each broker in turn: start it, read its idle memory, run every step that
 * applies, stop it. A step that fails is recorded as failed and the run goes on.
 */
final class BenchRunner {

    /**
     * @param jvmOptions options of the broker JVMs (Wharf and HiveMQ get the same)
     * @param idleConnections connection counts for the memory readings; empty skips them
     */
    record Settings(
            List<String> targets,
            List<BenchPlan.Step> steps,
            LoadOptions base,
            Path workDirectory,
            Path wharfJar,
            Path hivemqRunner,
            List<String> jvmOptions,
            List<Integer> idleConnections) {}

    private final Settings settings;
    private final List<StepResult> results = new ArrayList<>();
    private final List<IdleMemory.Reading> memory = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    BenchRunner(Settings settings) {
        this.settings = settings;
    }

    BenchReport run(String command) {
        String date = Instant.now().toString();
        String loadBefore = Machine.loadAverage();
        for (String target : settings.targets()) {
            System.err.println("=== " + target + " ===");
            try (Broker broker = start(target)) {
                for (int connections : settings.idleConnections()) {
                    readIdleMemory(broker, connections);
                }
                for (BenchPlan.Step step : settings.steps()) {
                    if (step.targets().contains(target)) {
                        runStep(step, broker);
                    }
                }
            } catch (RuntimeException e) {
                problems.add(target + " could not be benchmarked: " + e.getMessage());
                System.err.println(target + " could not be benchmarked: " + e);
            }
        }
        String load = "1-minute load average before the run " + loadBefore + ", after it " + Machine.loadAverage();
        return new BenchReport(
                command,
                Machine.describe(),
                load,
                date,
                settings.targets(),
                List.copyOf(results),
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
        LoadOptions options = step.options(settings.base());
        options.port = broker.mqttPort();
        boolean rawKafka = step.scenario().equals("kafka-raw");
        options.target = rawKafka ? "kafka" : broker.name();
        if (broker instanceof WharfBroker wharf) {
            options.kafkaBootstrap = wharf.kafkaBootstrap();
        }
        options.topicPrefix = "bench-" + step.label() + "-" + Long.toString(System.nanoTime(), 36);
        Scenario scenario = Scenarios.named(step.scenario());
        double brokerCpu = cpuSeconds(broker.process());
        double clientCpu = cpuSeconds(ProcessHandle.current());
        ScenarioResult result = null;
        String failure = null;
        try (LoadClients clients = new LoadClients(options.threads, options.window)) {
            result = scenario.run(options, clients);
            System.err.println(Summary.line(result));
        } catch (RuntimeException e) {
            System.err.println(step.label() + " on " + options.target + " failed: " + e);
            failure = e.toString();
        }
        results.add(new StepResult(
                step.label(),
                step.description(),
                options.target,
                result,
                failure,
                cpuSeconds(broker.process()) - brokerCpu,
                cpuSeconds(ProcessHandle.current()) - clientCpu));
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e9).orElse(Double.NaN);
    }
}
