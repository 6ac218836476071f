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
 * Broadcast: a few publishers send to a few topics; N subscribers each subscribe to all of those
 * topics, so every message is delivered N times.
 */
public final class FanOut implements Scenario {

    @Override
    public String name() {
        return "fan-out";
    }

    @Override
    public ScenarioResult run(LoadOptions options, LoadClients clients) {
        try (RunContext run = new RunContext(name(), options, clients)) {
            List<String> topicNames = RunContext.numberedTopics(options.topicPrefix + "/broadcast", options.topics);
            ConnectionRamp.Result subscribed = run.connect(
                    options.connections, "listener", options.connectSettings(), i -> run.countingListener());
            List<LoadConnection> subscribers = RunContext.present(subscribed);
            run.subscribeAll(subscribers, i -> topicNames, options.qos);
            List<LoadConnection> publishers = RunContext.present(run.connect(
                    Math.max(1, options.others),
                    "broadcaster",
                    options.connectSettings(),
                    i -> MessageListener.IGNORE));
            List<LongFunction<String>> topics = new ArrayList<>();
            for (int p = 0; p < publishers.size(); p++) {
                int first = p;
                topics.add(sequence -> topicNames.get((int) ((first + sequence) % topicNames.size())));
            }
            PublishLoop loop = new PublishLoop(publishers, topics, options);
            int listeners = subscribers.size();
            RunContext.Phase load =
                    run.load(loop, () -> run.measurements.counts().published() * listeners);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("publishers", publishers.size());
            figures.put("subscribers", listeners);
            figures.put("offered", loop.offered());
            figures.put("connectFailures", subscribed.failed());
            return run.result(
                    publishers.size() + listeners,
                    run.measurements.counts().published() * listeners,
                    load.publishSeconds(),
                    load.endNanos(),
                    figures);
        }
    }
}
