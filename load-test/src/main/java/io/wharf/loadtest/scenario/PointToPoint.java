package io.wharf.loadtest.scenario;

import io.netty.buffer.ByteBuf;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.MessageListener;
import io.wharf.loadtest.measure.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Command and response: N applications each send commands to their own device; the device answers
 * every command on a response topic with the command's payload. The latency is the round trip,
 * application to device to application; every publication is expected to be delivered once.
 */
public final class PointToPoint implements Scenario {

    @Override
    public String name() {
        return "point-to-point";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        try (RunContext run = new RunContext(name(), options, clients)) {
            String root = options.topicPrefix + "/pair";
            LoadConnection[] devices = run.connect(
                            options.connections,
                            "device",
                            options.connectSettings(),
                            i -> answerOn(root + "/" + i + "/response", options, run))
                    .connections();
            LoadConnection[] apps = run.connect(
                            options.connections, "app", options.connectSettings(), i -> run.countingListener())
                    .connections();
            List<LoadConnection> pairedDevices = new ArrayList<>();
            List<LoadConnection> pairedApps = new ArrayList<>();
            List<Integer> pairIds = new ArrayList<>();
            for (int i = 0; i < options.connections; i++) {
                if (devices[i] != null && apps[i] != null) {
                    pairedDevices.add(devices[i]);
                    pairedApps.add(apps[i]);
                    pairIds.add(i);
                }
            }
            run.subscribeAll(pairedDevices, k -> List.of(root + "/" + pairIds.get(k) + "/command"), options.qos);
            run.subscribeAll(pairedApps, k -> List.of(root + "/" + pairIds.get(k) + "/response"), options.qos);
            List<LongFunction<String>> topics = new ArrayList<>();
            for (int id : pairIds) {
                String command = root + "/" + id + "/command";
                topics.add(sequence -> command);
            }
            PublishLoop loop = new PublishLoop(pairedApps, topics, options);
            RunContext.Phase load =
                    run.load(loop, () -> run.measurements.counts().published());
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("pairs", pairIds.size());
            figures.put("offeredCommands", loop.offered());
            figures.put("latency", "round trip: command publish to response receipt");
            return run.result(
                    2 * pairIds.size(),
                    run.measurements.counts().published(),
                    load.publishSeconds(),
                    load.endNanos(),
                    figures);
        }
    }

    /**
     * A device: counts the command's delivery (its one-way time is not recorded, so that the
     * histogram holds round trips only) and publishes the same payload as its response.
     */
    private static MessageListener answerOn(String responseTopic, LoadOptions options, RunContext run) {
        return (LoadConnection device, String topic, ByteBuf payload, long receivedNanos) -> {
            run.measurements.delivered(-1, receivedNanos);
            device.publish(responseTopic, options.qos, Probe.payload(options.payloadSize, Probe.sentNanos(payload)));
            device.flush();
        };
    }
}
