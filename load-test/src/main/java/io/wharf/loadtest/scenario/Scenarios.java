package io.wharf.loadtest.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario, by name. */
public final class Scenarios {

    private static final Map<String, Scenario> BY_NAME = new LinkedHashMap<>();

    static {
        for (Scenario scenario : List.of(
                new FanIn(),
                new FanOut(),
                new PointToPoint(),
                new ConnectionStorm(),
                new PersistentReconnect(),
                new KafkaToMqtt(),
                new RawKafka())) {
            BY_NAME.put(scenario.name(), scenario);
        }
    }

    private Scenarios() {}

    /** The scenario of that name; null if none. */
    public static Scenario named(String name) {
        return BY_NAME.get(name);
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
