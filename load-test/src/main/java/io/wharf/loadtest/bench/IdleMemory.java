package io.wharf.loadtest.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.scenario.LoadOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory per idle connection: the broker's heap after a full GC (for a JVM) and its resident set,
 * before and after N clients connect and then do nothing; the difference divided by N.
 */
final class IdleMemory {

    private static final int WARM_UP_CONNECTIONS = 500;
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private IdleMemory() {}

    static Reading measure(Broker broker, LoadOptions options, int connections) {
        Measurements measurements = Measurements.startingNow();
        try (LoadClients clients = new LoadClients(options.threads, options.window)) {
            ConnectionRamp ramp = new ConnectionRamp(
                    clients, options.connectSettings(), measurements, options.connectRate, options.maxPendingConnects);
            // A first round warms the broker up (classes, pools, caches), so that the baseline holds
            // them and the difference is the connections' own.
            ramp.open(
                            WARM_UP_CONNECTIONS,
                            i -> options.topicPrefix + "-warm-up-" + i,
                            i -> MessageListener.IGNORE,
                            Duration.ofMinutes(1))
                    .disconnectAll(Duration.ofMinutes(2));
            long heapBefore = broker.isJvm() ? ProcessMemory.heapAfterGcBytes(broker.process()) : 0;
            long rssBefore = ProcessMemory.rssBytes(broker.process());
            System.err.printf("[idle-memory %s] connecting %,d idle clients%n", broker.name(), connections);
            ConnectionRamp.Result result = ramp.open(
                    connections,
                    i -> options.topicPrefix + "-idle-" + i,
                    i -> MessageListener.IGNORE,
                    Duration.ofMinutes(2));
            LockSupport.parkNanos(SETTLE_NANOS);
            long heapAfter = broker.isJvm() ? ProcessMemory.heapAfterGcBytes(broker.process()) : 0;
            long rssAfter = ProcessMemory.rssBytes(broker.process());
            int connected = result.succeeded();
            result.disconnectAll(Duration.ofMinutes(2));
            Reading reading = new Reading(
                    broker.name(),
                    connections,
                    connected,
                    heapBefore,
                    heapAfter,
                    rssBefore,
                    rssAfter,
                    measurements.errors().toString());
            System.err.println("[idle-memory " + broker.name() + "] " + reading);
            return reading;
        }
    }

    /**
     * @param asked connections attempted
     * @param connected connections the broker accepted and held
     */
    record Reading(
            String broker,
            int asked,
            int connected,
            long heapBefore,
            long heapAfter,
            long rssBefore,
            long rssAfter,
            String errors) {

        /** Heap per connection in bytes; 0 for a broker that is not a JVM. */
        @JsonProperty
        double heapPerConnection() {
            return connected == 0 ? 0 : (double) (heapAfter - heapBefore) / connected;
        }

        @JsonProperty
        double rssPerConnection() {
            return connected == 0 ? 0 : (double) (rssAfter - rssBefore) / connected;
        }

        @Override
        public String toString() {
            return String.format(
                    "%,d of %,d connected: heap %.1f -> %.1f MiB (%.2f KiB each), RSS %.1f -> %.1f MiB (%.2f KiB each)%s",
                    connected,
                    asked,
                    heapBefore / 1048576.0,
                    heapAfter / 1048576.0,
                    heapPerConnection() / 1024,
                    rssBefore / 1048576.0,
                    rssAfter / 1048576.0,
                    rssPerConnection() / 1024,
                    errors.equals("{}") ? "" : ", errors " + errors);
        }
    }
}
