package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.MessageListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * N clients connect at once (or at --connect-rate): how long until all are in, how many per second,
 * and the TCP-connect-to-CONNACK time of each (the latency curve of this scenario).
 */
public final class ConnectionStorm implements Scenario {

    @Override
    public String name() {
        return "connection-storm";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        try (RunContext run = new RunContext(name(), options, clients)) {
            run.loadStarts();
            ConnectionRamp.Result storm =
                    run.connect(options.connections, "storm", options.connectSettings(), i -> MessageListener.IGNORE);
            long end = System.nanoTime();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("connected", storm.succeeded());
            figures.put("failed", storm.failed());
            figures.put("secondsToConnectAll", storm.elapsedNanos() / 1e9);
            figures.put("connectsPerSecond", storm.perSecond());
            figures.put("latency", "TCP connect to CONNACK, per client");
            return run.result(storm.succeeded(), 0, end, storm.handshakeMicros(), figures);
        }
    }
}
