package io.wharf.launcher;

import java.util.Locale;

/**
 * One configuration setting: its name in the YAML file and as a flag ({@code --name}), its
 * environment variable ({@code WHARF_NAME}), its default and its help text.
 */
enum Setting {
  CONFIG("config", null, "YAML file to read settings from; flags override the environment, which overrides the file"),
  BIND("bind", "0.0.0.0", "address the MQTT and HTTP ports listen on"),
  MQTT_PORT("mqtt-port", "1883", "MQTT port"),
  HTTP_PORT("http-port", "8080", "HTTP port for /health/live and /health/ready; -1 turns HTTP off"),
  DATA_DIR("data-dir", "./data", "where the embedded Kafka broker, the router and the logs keep their files"),
  KAFKA("kafka", null, "bootstrap servers of an existing Kafka cluster, host:port[,host:port]; leave out to run the embedded broker"),
  EMBEDDED_KAFKA_PORT("embedded-kafka-port", "9092", "port of the embedded Kafka broker on 127.0.0.1"),
  NODE_ID("node-id", null, "this edge's id in the cluster (default: host name and MQTT port)"),
  TOPIC_PREFIX("topic-prefix", "mqtt.", "prefix of Wharf's Kafka topics");

  private final String key;
  private final String defaultValue;
  private final String description;

  Setting(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  String key() {
    return key;
  }

  String flag() {
    return "--" + key;
  }

  String environmentVariable() {
    return "WHARF_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  String defaultValue() {
    return defaultValue;
  }

  String description() {
    return description;
  }

  static Setting byKey(String key) {
    for (Setting setting : values()) {
      if (setting.key.equals(key)) {
        return setting;
      }
    }
    return null;
  }
}
