package io.wharf.schemas.mapping;

/**
 * Where a message goes: the Kafka topic and the record key.
 *
 * @param keyIsTopic whether the key is the whole MQTT topic; if not, the record carries the topic in
 *     a header
 */
public record Route(String kafkaTopic, String key, boolean keyIsTopic) {}
