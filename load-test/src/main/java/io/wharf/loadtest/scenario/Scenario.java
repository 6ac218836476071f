package io.wharf.loadtest.scenario;

import io.wharf.loadtest.client.LoadClients;

/** One kind of load, run against one broker with the given options. */
public interface Scenario {

    /** The name on the command line and in reports, e.g. {@code fan-out}. */
    String name();

    ScenarioResult run(LoadOptions options, LoadClients clients);
}
