package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.ConnectionRamp;
import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.client.LoadConnection;
import io.wharf.loadtest.client.MessageListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Telemetry: N devices publish to their own topic at a fixed rate each; a few subscribers take
 * everything with one wildcard. With no subscribers it measures ingest alone.
 */
public final class FanIn implements Scenario {

    @Override
    public String name() {
        return "fan-in";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        try (RunContext run = new RunContext(name(), options, clients)) {
            String root = options.topicPrefix + "/telemetry";
            List<LoadConnection> subscribers = RunContext.present(
                    run.connect(options.others, "sink", options.connectSettings(), i -> run.countingListener()));
            run.subscribeAll(subscribers, i -> List.of(root + "/+/data"), options.qos);
            ConnectionRamp.Result devices =
                    run.connect(options.connections, "device", options.connectSettings(), i -> MessageListener.IGNORE);
            List<LoadConnection> publishers = RunContext.present(devices);
            List<LongFunction<String>> topics = new ArrayList<>();
            for (int i = 0; i < publishers.size(); i++) {
                String topic = root + "/" + i + "/data";
                topics.add(sequence -> topic);
            }
            PublishLoop loop = new PublishLoop(publishers, topics, options);
            int sinks = subscribers.size();
            RunContext.Phase load =
                    run.load(loop, () -> run.measurements.counts().published() * sinks);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("publishers", publishers.size());
            figures.put("subscribers", sinks);
            figures.put("offered", loop.offered());
            figures.put("connectFailures", devices.failed());
            return run.result(
                    publishers.size() + sinks,
                    run.measurements.counts().published() * sinks,
                    load.publishSeconds(),
                    load.endNanos(),
                    figures);
        }
    }
}
