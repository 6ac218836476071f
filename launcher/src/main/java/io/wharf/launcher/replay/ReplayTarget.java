package io.wharf.launcher.replay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Where a replay sends the messages: an MQTT broker, or a Kafka topic on the source cluster. */
sealed interface ReplayTarget {

    int DEFAULT_MQTT_PORT = 1883;
    Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._\\-]{1,249}");

    /** Re-publishes every message to the broker at {@code host:port}. */
    record Mqtt(String host, int port) implements ReplayTarget {
        @Override
        public String toString() {
            return "mqtt://" + host + ":" + port;
        }
    }

    /** Copies every record, headers and timestamp included, to {@code topic}. */
    record Kafka(String topic) implements ReplayTarget {
        @Override
        public String toString() {
            return "kafka:" + topic;
        }
    }

    /**
     * Reads {@code mqtt://host[:port]} or {@code kafka:topic}.
     *
     * @throws IllegalArgumentException saying how to write it
     */
    static ReplayTarget parse(String text) {
        if (text.startsWith("kafka:")) {
            String topic = text.substring("kafka:".length());
            if (!KAFKA_TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new IllegalArgumentException(
                        "--to '" + text
                                + "' does not name a Kafka topic: use kafka:<topic> with up to 249 letters, digits, '.', '_' or '-'");
            }
            return new Kafka(topic);
        }
        if (text.startsWith("mqtt://")) {
            try {
                URI uri = new URI(text);
                if (uri.getHost() != null
                        && (uri.getPath() == null
                                || uri.getPath().isEmpty()
                                || uri.getPath().equals("/"))) {
                    return new Mqtt(uri.getHost(), uri.getPort() == -1 ? DEFAULT_MQTT_PORT : uri.getPort());
                }
            } catch (URISyntaxException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "--to '" + text
                        + "' is not a target: use mqtt://host:port to re-publish to an MQTT broker, or kafka:<topic> to copy to a Kafka topic");
    }
}
