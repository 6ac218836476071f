package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.loadtest.client.LoadClients;
import io.wharf.loadtest.scenario.LoadOptions;
import io.wharf.loadtest.scenario.ScenarioResult;
import io.wharf.loadtest.scenario.Scenarios;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios against Mosquitto, a broker that keeps persistent sessions: the persistent-reconnect
 * scenario must see every queued message arrive, which shows it measures what it claims.
 */
@Timeout(120)
class MosquittoScenariosIT {

    @TempDir
    static Path work;

    private static MosquittoBroker mosquitto;
    private static LoadClients clients;

    @BeforeAll
    static void start() {
        assertThat(MosquittoBroker.installed())
                .as("apt-get install -y mosquitto (.ci/run does)")
                .isTrue();
        mosquitto = MosquittoBroker.start(work);
        clients = new LoadClients(2, 20);
    }

    @AfterAll
    static void stop() {
        clients.close();
        mosquitto.close();
    }

    @Test
    void everyMessageQueuedForAnOfflinePersistentSessionArrivesAfterReconnect() {
        LoadOptions options = options();
        options.connections = 20;
        options.messagesPerSession = 5;

        ScenarioResult result = Scenarios.named("persistent-reconnect").run(options, clients);

        assertThat(result.figures())
                .containsEntry("sessionsPresentOnReconnect", 20)
                .containsEntry("queuedWhileOffline", 100L);
        assertThat(result.delivered()).isEqualTo(100);
        assertThat(result.missing()).isZero();
        assertThat(result.figures().get("secondsUntilDrained")).isInstanceOf(Double.class);
    }

    @Test
    void qos1FanOutOverMqtt5CountsEveryDelivery() {
        LoadOptions options = options();
        options.connections = 50;
        options.others = 2;
        options.rate = 10;

        ScenarioResult result = Scenarios.named("fan-out").run(options, clients);

        assertThat(result.published()).isGreaterThan(0);
        assertThat(result.delivered()).isEqualTo(50 * result.published());
        assertThat(result.errors()).isEmpty();
    }

    private static LoadOptions options() {
        LoadOptions options = new LoadOptions();
        options.target = "mosquitto";
        options.port = mosquitto.mqttPort();
        options.qos = 1;
        options.threads = 2;
        options.durationSeconds = 2;
        options.drainSeconds = 5;
        return options;
    }
}
