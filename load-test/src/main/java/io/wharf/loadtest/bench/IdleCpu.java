package io.wharf.loadtest.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.scenario.LoadOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a broker costs with no traffic at all: its CPU as a share of one core, after a settle time,
 * first with no client and then with a number of idle clients connected (they only keep alive).
 */
final class IdleCpu {

    private IdleCpu() {}

    /** Both readings; the second is skipped when the plan asks for no idle clients. */
    static List<Reading> measure(Broker broker, LoadOptions options, BenchPlan.Idle plan) {
        List<Reading> readings = new ArrayList<>();
        park(plan.settleSeconds());
        readings.add(read(broker, 0, plan));
        if (plan.connections() > 0) {
            Measurements measurements = Measurements.startingNow();
            try (LoadClients clients = new LoadClients(options.threads, options.window)) {
                ConnectionRamp ramp = new ConnectionRamp(
                        clients,
                        options.connectSettings(),
                        measurements,
                        options.connectRate,
                        options.maxPendingConnects);
                ConnectionRamp.Result idle = ramp.open(
                        plan.connections(),
                        i -> options.topicPrefix + "-idle-cpu-" + i,
                        i -> MessageListener.IGNORE,
                        Duration.ofMinutes(1));
                park(plan.settleSeconds());
                readings.add(read(broker, idle.succeeded(), plan));
                idle.disconnectAll(Duration.ofMinutes(1));
            }
        }
        return readings;
    }

    private static Reading read(Broker broker, int connections, BenchPlan.Idle plan) {
        List<Double> percents = new ArrayList<>();
        for (int window = 0; window < plan.windows(); window++) {
            double before = ProcessCpu.seconds(broker.process());
            long start = System.nanoTime();
            park(plan.windowSeconds());
            double used = ProcessCpu.seconds(broker.process()) - before;
            percents.add(used / ((System.nanoTime() - start) / 1e9) * 100);
        }
        Reading reading = new Reading(broker.name(), connections, plan.windowSeconds(), percents);
        System.err.println("[idle-cpu " + broker.name() + "] " + reading);
        return reading;
    }

    private static void park(int seconds) {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
    }

    /**
     * @param connections idle clients connected during the reading
     * @param percentOfCore the broker's CPU in each window, as a share of one core
     */
    record Reading(String broker, int connections, int windowSeconds, List<Double> percentOfCore) {

        @JsonIgnore
        Spread spread() {
            return Spread.of(percentOfCore);
        }

        @Override
        public String toString() {
            Spread spread = spread();
            return String.format(
                    "%d idle connections: %s %% of a core over %d x %d s",
                    connections, spread == null ? "n/a" : spread.format(), percentOfCore.size(), windowSeconds);
        }
    }
}
