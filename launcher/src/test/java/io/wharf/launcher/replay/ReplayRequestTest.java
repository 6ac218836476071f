package io.wharf.launcher.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    private final List<String> problems = new ArrayList<>();

    private ReplayRequest valid(ReplayRequest.Options options) {
        ReplayRequest request = ReplayRequest.of(options, problems);
        assertThat(problems).isEmpty();
        return request;
    }

    private List<String> problemsOf(ReplayRequest.Options options) {
        assertThat(ReplayRequest.of(options, problems)).isNull();
        return problems;
    }

    private static ReplayRequest.Options options(String from, String until, String filter, String to, String qos) {
        return new ReplayRequest.Options(
                from, until, filter, to, "127.0.0.1:9092", "mqtt.", List.of(), false, qos, "15", Map.of());
    }

    @Test
    void readsInstantsWithAnyZoneAndTheTargets() {
        ReplayRequest request = valid(options(
                "2026-01-31T09:00:00+01:00", "2026-01-31T09:30:00Z", "sensors/#", "mqtt://broker.local:1884", "1"));

        assertThat(request.from()).isEqualTo(Instant.parse("2026-01-31T08:00:00Z"));
        assertThat(request.until()).contains(Instant.parse("2026-01-31T09:30:00Z"));
        assertThat(request.filter().text()).isEqualTo("sensors/#");
        assertThat(request.target()).isEqualTo(new ReplayTarget.Mqtt("broker.local", 1884));
        assertThat(request.topics().messages().name()).isEqualTo("mqtt.messages");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void anMqttTargetWithoutPortUsesTheMqttPortAndAKafkaTargetNamesATopic() {
        assertThat(ReplayTarget.parse("mqtt://localhost")).isEqualTo(new ReplayTarget.Mqtt("localhost", 1883));
        assertThat(ReplayTarget.parse("kafka:history.sensors")).isEqualTo(new ReplayTarget.Kafka("history.sensors"));
    }

    @Test
    void theQosCapLowersButNeverRaisesAMessagesQos() {
        ReplayRequest capped = valid(options("2026-01-31T08:00:00Z", null, "#", "mqtt://localhost", "1"));
        ReplayRequest uncapped = valid(options("2026-01-31T08:00:00Z", null, "#", "mqtt://localhost", null));

        assertThat(capped.qosFor(2)).isEqualTo(1);
        assertThat(capped.qosFor(0)).isZero();
        assertThat(uncapped.qosFor(2)).isEqualTo(2);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsFix() {
        assertThat(problemsOf(options("yesterday", "2026-13-01T00:00:00Z", "a/#/b", "ftp://host", "3")))
                .hasSize(5)
                .anySatisfy(p -> assertThat(p)
                        .contains("--from 'yesterday' is not an ISO-8601 instant")
                        .contains("2026-01-31T08:00:00Z"))
                .anySatisfy(p -> assertThat(p).contains("--until '2026-13-01T00:00:00Z'"))
                .anySatisfy(p -> assertThat(p).contains("--filter 'a/#/b' is not a valid MQTT topic filter"))
                .anySatisfy(p -> assertThat(p)
                        .contains("--to 'ftp://host'")
                        .contains("mqtt://host:port")
                        .contains("kafka:<topic>"))
                .anySatisfy(p -> assertThat(p).contains("--qos '3'").contains("0, 1 or 2"));
    }

    @Test
    void missingOptionsAreNamed() {
        assertThat(String.join("\n", problemsOf(options(null, null, null, null, null))))
                .contains("--from is missing")
                .contains("--filter is missing")
                .contains("--to is missing");
    }

    @Test
    void theRangeMustNotBeEmpty() {
        assertThat(problemsOf(options("2026-01-31T08:00:00Z", "2026-01-31T08:00:00Z", "#", "kafka:copy", null)))
                .singleElement(STRING)
                .contains("--until 2026-01-31T08:00:00Z must be later than --from");
    }

    @Test
    void aQosCapMeansNothingForACopyToKafka() {
        assertThat(problemsOf(options("2026-01-31T08:00:00Z", null, "#", "kafka:copy", "0")))
                .singleElement(STRING)
                .contains("--qos applies to --to mqtt://");
    }

    @Test
    void aKafkaTargetMustBeAValidTopicName() {
        assertThat(problemsOf(options("2026-01-31T08:00:00Z", null, "#", "kafka:no spaces", null)))
                .singleElement(STRING)
                .contains("does not name a Kafka topic");
    }
}
