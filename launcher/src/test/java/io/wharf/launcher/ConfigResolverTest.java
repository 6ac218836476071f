package io.wharf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.limits.LimitSettings;
import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.mapping.PayloadRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {

    @TempDir
    Path dir;

    @Test
    void defaultsSuitALaptop() {
        WharfConfig config = ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of());

        assertThat(config.mqttPort()).isEqualTo(1883);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.embeddedKafkaPort()).isEqualTo(9092);
        assertThat(config.kafka()).isEmpty();
        assertThat(config.topicPrefix()).isEqualTo("mqtt.");
        assertThat(config.nodeId()).endsWith("-1883");
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "mqtt-port: 1000\nhttp-port: 2000\nembedded-kafka-port: 3000\ndata-dir: " + dir + "\n");

        WharfConfig config = ConfigResolver.resolve(
                Map.of(Setting.CONFIG, file.toString(), Setting.MQTT_PORT, "1001"),
                Map.of("WHARF_MQTT_PORT", "1002", "WHARF_HTTP_PORT", "2002"));

        assertThat(config.mqttPort()).isEqualTo(1001);
        assertThat(config.httpPort()).isEqualTo(2002);
        assertThat(config.embeddedKafkaPort()).isEqualTo(3000);
    }

    @Test
    void theConfigFileCanBeNamedInTheEnvironment() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "kafka: broker-1:9092,broker-2:9092\ndata-dir: " + dir + "\n");

        WharfConfig config = ConfigResolver.resolve(Map.of(), Map.of("WHARF_CONFIG", file.toString()));

        assertThat(config.kafka()).contains("broker-1:9092,broker-2:9092");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsFix() {
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(
                                Setting.MQTT_PORT, "eighteen",
                                Setting.HTTP_PORT, "70000",
                                Setting.KAFKA, "no-port-here",
                                Setting.DATA_DIR, dir.toString()),
                        Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .hasSize(3)
                                .anySatisfy(p -> assertThat(p)
                                        .contains("--mqtt-port 'eighteen'")
                                        .contains("1 to 65535"))
                                .anySatisfy(p -> assertThat(p).contains("--http-port '70000'"))
                                .anySatisfy(p -> assertThat(p)
                                        .contains("--kafka 'no-port-here'")
                                        .contains("host:port")));
    }

    @Test
    void theKafkaOutageLimitIsFiveMinutesUnlessSetAndMustBeAtLeastTenSeconds() throws IOException {
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of())
                        .kafkaOutageLimit())
                .isEqualTo(java.time.Duration.ofMinutes(5));
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "kafka-outage-limit: 60\n");
        assertThat(ConfigResolver.resolve(
                                Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of())
                        .kafkaOutageLimit())
                .isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(ConfigResolver.resolve(
                                Map.of(Setting.DATA_DIR, dir.toString()), Map.of("WHARF_KAFKA_OUTAGE_LIMIT", "120"))
                        .kafkaOutageLimit())
                .isEqualTo(java.time.Duration.ofSeconds(120));

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.DATA_DIR, dir.toString(), Setting.KAFKA_OUTAGE_LIMIT, "5"), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .contains("--kafka-outage-limit '5'")
                                .contains("10 to 86400"));
    }

    @Test
    void logsAreTextUnlessJsonIsAskedFor() {
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of())
                        .logFormat())
                .isEqualTo(LogFormat.TEXT);
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of("WHARF_LOG_FORMAT", "JSON"))
                        .logFormat())
                .isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.DATA_DIR, dir.toString(), Setting.LOG_FORMAT, "xml"), Map.of()))
                .hasMessageContaining("--log-format 'xml' is not valid: use text or json");
    }

    @Test
    void protocolLimitsAreConfigurable() {
        WharfConfig config = ConfigResolver.resolve(
                Map.of(
                        Setting.DATA_DIR, dir.toString(),
                        Setting.RECEIVE_MAXIMUM, "10",
                        Setting.MAX_KEEP_ALIVE, "60",
                        Setting.CONNECT_TIMEOUT, "3",
                        Setting.DENY_SUBSCRIBE, "$SYS/#, private/#"),
                Map.of());

        assertThat(config.protocol().receiveMaximum()).isEqualTo(10);
        assertThat(config.protocol().maxKeepAliveSeconds()).isEqualTo(60);
        assertThat(config.protocol().connectTimeout()).hasSeconds(3);
        assertThat(config.protocol().deniedSubscriptions())
                .extracting(filter -> filter.text())
                .containsExactly("$SYS/#", "private/#");
    }

    @Test
    void aWrongProtocolLimitSaysWhichValuesAreAllowed() {
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(
                                Setting.DATA_DIR,
                                dir.toString(),
                                Setting.RECEIVE_MAXIMUM,
                                "0",
                                Setting.DENY_SUBSCRIBE,
                                "a/#/b"),
                        Map.of()))
                .hasMessageContaining("--receive-maximum '0' is not valid: use a whole number from 1 to 65535")
                .hasMessageContaining("--deny-subscribe 'a/#/b' is not a topic filter");
    }

    @Test
    void theRoutersAnalyticsCountEveryMessagePerMinuteUnlessOtherFiltersOrAWindowAreSet() {
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of())
                        .analytics())
                .isEqualTo(AnalyticsSettings.defaults());

        AnalyticsSettings chosen = ConfigResolver.resolve(
                        Map.of(
                                Setting.DATA_DIR,
                                dir.toString(),
                                Setting.ANALYTICS_FILTERS,
                                "sensors/#, +/alarm",
                                Setting.ANALYTICS_WINDOW,
                                "10"),
                        Map.of())
                .analytics();
        assertThat(chosen.filters()).extracting(filter -> filter.text()).containsExactly("sensors/#", "+/alarm");
        assertThat(chosen.window()).hasSeconds(10);
        assertThat(ConfigResolver.resolve(
                                Map.of(Setting.DATA_DIR, dir.toString(), Setting.ANALYTICS_FILTERS, ""), Map.of())
                        .analytics()
                        .enabled())
                .isFalse();
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.DATA_DIR, dir.toString(), Setting.ANALYTICS_FILTERS, "a/#/b"), Map.of()))
                .hasMessageContaining("--analytics-filters 'a/#/b' is not a topic filter");
    }

    @Test
    void everyProcessRunsTheRouterUnlessToldNotTo() {
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of())
                        .runsRouter())
                .isTrue();
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString(), Setting.ROUTER, "false"), Map.of())
                        .runsRouter())
                .isFalse();
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.DATA_DIR, dir.toString(), Setting.ROUTER, "no"), Map.of()))
                .hasMessageContaining("--router 'no' is not valid: use true or false");
    }

    @Test
    void theLimitsForHostileClientsSuitALaptopUnlessSet() throws IOException {
        assertThat(ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of())
                        .protocol()
                        .limits())
                .isEqualTo(LimitSettings.defaults());

        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "max-connections: 20000\nmax-subscriptions: 50\nmax-queued-bytes: 131072\n");
        LimitSettings limits = ConfigResolver.resolve(
                        Map.of(
                                Setting.CONFIG, file.toString(),
                                Setting.DATA_DIR, dir.toString(),
                                Setting.PUBLISH_RATE, "100"),
                        Map.of(
                                "WHARF_CONNECTION_RATE", "10",
                                "WHARF_PUBLISH_BYTES_RATE", "1048576",
                                "WHARF_MAX_TOPIC_LENGTH", "256",
                                "WHARF_MAX_TOPIC_LEVELS", "16"))
                .protocol()
                .limits();

        assertThat(limits).isEqualTo(new LimitSettings(20_000, 10, 50, 256, 16, 100, 1_048_576, 131_072, 67_108_864));
    }

    @Test
    void aWrongLimitSaysWhichValuesAreAllowed() {
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(
                                Setting.DATA_DIR, dir.toString(),
                                Setting.MAX_CONNECTIONS, "0",
                                Setting.PUBLISH_RATE, "-1"),
                        Map.of()))
                .hasMessageContaining("--max-connections '0' is not valid: use a whole number from 1 to")
                .hasMessageContaining("--publish-rate '-1' is not valid: use a whole number from 0 to");
    }

    @Test
    void theAclFileGivesTheAccessRules() throws IOException {
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "user alice\ntopic readwrite alice/#\n");
        WharfConfig config = ConfigResolver.resolve(
                Map.of(Setting.DATA_DIR, dir.toString(), Setting.ACL_PUBLISH_DENIED, "disconnect"),
                Map.of("WHARF_ACL_FILE", acl.toString()));

        assertThat(config.access().rules().rules()).hasSize(1);
        assertThat(config.access().publishDenied()).isEqualTo(PublishDenied.DISCONNECT);
    }

    @Test
    void withoutAnAclFileEverythingIsAllowedAndRefusedPublishesAreDropped() {
        WharfConfig config = ConfigResolver.resolve(Map.of(Setting.DATA_DIR, dir.toString()), Map.of());

        assertThat(config.access().rules()).isEqualTo(AccessRules.NONE);
        assertThat(config.access().publishDenied()).isEqualTo(PublishDenied.DROP);
    }

    @Test
    void aMalformedAclFileIsAStartErrorNamingItsLine() throws IOException {
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "# rules\nuser alice\ntopic read a/#/b\n");
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(
                                Setting.DATA_DIR, dir.toString(),
                                Setting.ACL_FILE, acl.toString(),
                                Setting.ACL_PUBLISH_DENIED, "ignore"),
                        Map.of()))
                .hasMessageContaining("--acl-file: " + acl + " line 3: 'a/#/b' is no topic filter")
                .hasMessageContaining("--acl-publish-denied 'ignore' is not valid: use drop or disconnect");
    }

    @Test
    void aMissingAclFileIsAStartError() {
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(
                                Setting.DATA_DIR,
                                dir.toString(),
                                Setting.ACL_FILE,
                                dir.resolve("nope").toString()),
                        Map.of()))
                .hasMessageContaining("--acl-file: the ACL file " + dir.resolve("nope") + " cannot be read");
    }

    @Test
    void topicMappingRulesComeFromTheFileInOrder() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, """
        mapping:
          - filter: devices/#
            topic: device-data
            partitions: 12
            retention: 30d
            key-levels: 2
          - filter: +/alerts/#
            topic: alerts
        """);

        WharfConfig config = ConfigResolver.resolve(
                Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of());

        assertThat(config.mapping()).hasSize(2);
        assertThat(config.mapping().get(0).filter().text()).isEqualTo("devices/#");
        assertThat(config.mapping().get(0).kafkaTopic()).isEqualTo("device-data");
        assertThat(config.mapping().get(0).partitions()).isEqualTo(12);
        assertThat(config.mapping().get(0).retention()).hasDays(30);
        assertThat(config.mapping().get(0).keyLevels()).isEqualTo(2);
        assertThat(config.mapping().get(1).partitions()).isEqualTo(6);
        assertThat(config.mapping().get(1).keyLevels()).isZero();
    }

    @Test
    void aMappingRuleNamesItsPayloadFormatAndASchemaFileBesideTheConfig() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(dir.resolve("telemetry.avsc"), "{\"type\": \"record\", \"name\": \"T\", \"fields\": []}");
        Files.writeString(file, """
        mapping:
          - filter: devices/+/telemetry
            topic: telemetry
            payload:
              format: avro
              schema: telemetry.avsc
              invalid: dead-letter
          - filter: devices/#
            topic: device-data
        """);

        WharfConfig config = ConfigResolver.resolve(
                Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of());

        PayloadRule payload = config.mapping().get(0).payload();
        assertThat(payload.format()).isEqualTo(PayloadRule.Format.AVRO);
        assertThat(payload.schema())
                .isEqualTo(dir.resolve("telemetry.avsc").toAbsolutePath().toString());
        assertThat(payload.registry()).isNull();
        assertThat(payload.invalid()).isEqualTo(PayloadRule.Invalid.DEAD_LETTER);
        assertThat(config.mapping().get(1).payload()).isEqualTo(PayloadRule.RAW);
    }

    @Test
    void aProtobufRuleNamesItsMessageTypeAndHowMqtt3DevicesLearnOfARefusal() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.write(dir.resolve("telemetry.desc"), new byte[] {10, 0});
        Files.write(dir.resolve("commands.desc"), new byte[] {10, 0});
        Files.writeString(file, """
        mapping:
          - filter: devices/+/telemetry
            topic: telemetry
            payload:
              format: protobuf
              schema: telemetry.desc
              message: example.Telemetry
              reject-mqtt3: close
          - filter: devices/+/commands
            topic: commands
            payload:
              format: protobuf
              schema: commands-value
              registry: http://registry:8081
              descriptor-set: commands.desc
              message: example.Command
        """);

        WharfConfig config = ConfigResolver.resolve(
                Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of());

        PayloadRule telemetry = config.mapping().get(0).payload();
        assertThat(telemetry.format()).isEqualTo(PayloadRule.Format.PROTOBUF);
        assertThat(telemetry.schema())
                .isEqualTo(dir.resolve("telemetry.desc").toAbsolutePath().toString());
        assertThat(telemetry.message()).isEqualTo("example.Telemetry");
        assertThat(telemetry.mqtt3Refusal()).isEqualTo(PayloadRule.Mqtt3Refusal.CLOSE);
        PayloadRule commands = config.mapping().get(1).payload();
        assertThat(commands.schema()).isEqualTo("commands-value");
        assertThat(commands.descriptorSet())
                .isEqualTo(dir.resolve("commands.desc").toAbsolutePath().toString());
        assertThat(commands.mqtt3Refusal()).isEqualTo(PayloadRule.Mqtt3Refusal.DROP);
    }

    @Test
    void aProtobufRuleWithoutWhatItNeedsIsNamedWithWhatToAdd() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.write(dir.resolve("telemetry.desc"), new byte[] {10, 0});
        Files.writeString(file, """
        mapping:
          - filter: a/#
            topic: a
            payload: {format: protobuf, schema: telemetry.desc, reject-mqtt3: hang-up}
          - filter: b/#
            topic: b
            payload: {format: protobuf, schema: b-value, registry: http://registry:8081, message: example.B}
          - filter: c/#
            topic: c
            payload: {format: avro, schema: telemetry.desc, message: example.C}
        """);

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p ->
                                        assertThat(p).contains("mapping rule 1").contains("needs 'message'"))
                                .anySatisfy(p ->
                                        assertThat(p).contains("'payload.reject-mqtt3' must be one of drop, close"))
                                .anySatisfy(p ->
                                        assertThat(p).contains("mapping rule 2").contains("needs 'descriptor-set'"))
                                .anySatisfy(p -> assertThat(p)
                                        .contains("mapping rule 3")
                                        .contains("for 'format: protobuf' only")));
    }

    @Test
    void aWrongPayloadIsNamedWithWhatToChange() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, """
        mapping:
          - filter: a/#
            topic: a
            payload: {format: xml, invalid: ignore}
          - filter: b/#
            topic: b
            payload: {format: json-schema, schema: missing.json}
          - filter: c/#
            topic: c
            payload: {format: avro, registry: registry:8081}
        """);

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p)
                                        .contains("mapping rule 1")
                                        .contains("'payload.format' must be one of raw, json-schema, avro, protobuf"))
                                .anySatisfy(p -> assertThat(p).contains("'payload.invalid' must be one of reject"))
                                .anySatisfy(p ->
                                        assertThat(p).contains("mapping rule 2").contains("missing.json is not there"))
                                .anySatisfy(p -> assertThat(p).contains("must be an http:// or https:// URL"))
                                .anySatisfy(p -> assertThat(p).contains("needs 'schema'")));
    }

    @Test
    void aWrongMappingRuleIsNamedWithWhatToChange() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(
                file, "mapping:\n  - filter: a/#/b\n    topic: 'no spaces'\n    retention: forever\n    colour: red\n");

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of()))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p)
                                        .contains("mapping rule 1")
                                        .contains("'filter' is not a topic filter"))
                                .anySatisfy(p -> assertThat(p).contains("'topic' must be a Kafka topic name"))
                                .anySatisfy(p -> assertThat(p).contains("'retention' must be a number with a unit"))
                                .anySatisfy(p -> assertThat(p).contains("unknown field 'colour'")));
    }

    @Test
    void anUnknownKeyInTheFileIsNamedWithTheKnownOnes() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "mqtt-prot: 1883\n");

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of()))
                .hasMessageContaining("unknown setting 'mqtt-prot'")
                .hasMessageContaining("mqtt-port");
    }

    @Test
    void kafkaClientSettingsComeFromTheFileAndTheEnvironmentWhichWins() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(
                file,
                "kafka: broker:9093\n"
                        + "kafka-properties:\n"
                        + "  security.protocol: SASL_SSL\n"
                        + "  sasl.mechanism: SCRAM-SHA-256\n"
                        + "  client.rack: rack-a\n");

        WharfConfig config = ConfigResolver.resolve(
                Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()),
                Map.of(
                        "WHARF_KAFKA_PROPERTY_SASL_MECHANISM",
                        "SCRAM-SHA-512",
                        "WHARF_KAFKA_PROPERTY_SSL_TRUSTSTORE_TYPE",
                        "PEM"));

        assertThat(config.kafkaProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "client.rack", "rack-a",
                        "ssl.truststore.type", "PEM"));
    }

    @Test
    void aKafkaSettingWharfsGuaranteesRestOnCannotBeChanged() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "kafka-properties:\n  acks: \"1\"\n  compression.type: lz4\n");

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()),
                        Map.of("WHARF_KAFKA_PROPERTY_ISOLATION_LEVEL", "read_uncommitted")))
                .hasMessageContaining("'acks'")
                .hasMessageContaining("acks=all")
                .hasMessageContaining("'isolation.level'")
                .hasMessageContaining("WHARF_KAFKA_PROPERTY_ISOLATION_LEVEL")
                .hasMessageNotContaining("compression.type");
    }

    @Test
    void kafkaPropertiesMustBeAMappingOfSingleValues() throws IOException {
        Path file = dir.resolve("wharf.yaml");
        Files.writeString(file, "kafka-properties:\n  ssl.keystore:\n    nested: value\n");

        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, file.toString(), Setting.DATA_DIR, dir.toString()), Map.of()))
                .hasMessageContaining("'kafka-properties.ssl.keystore'")
                .hasMessageContaining("must be a single value");
    }

    @Test
    void aMissingConfigFileIsReported() {
        assertThatThrownBy(() -> ConfigResolver.resolve(
                        Map.of(Setting.CONFIG, dir.resolve("nope.yaml").toString(), Setting.DATA_DIR, dir.toString()),
                        Map.of()))
                .hasMessageContaining("does not exist or cannot be read");
    }
}
