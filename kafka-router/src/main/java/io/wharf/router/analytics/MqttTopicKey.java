package io.wharf.router.analytics;

import io.wharf.schemas.MessageHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keys each message record by its MQTT topic: the {@code mqtt.topic} header where a mapping rule
 * keyed the record by the topic's first levels, the record key otherwise.
 */
final class MqttTopicKey extends ContextualProcessor<String, byte[], String, byte[]> {

    @Override
    public void process(Record<String, byte[]> record) {
        Header topic = record.headers().lastHeader(MessageHeaders.TOPIC);
        context().forward(topic == null ? record : record.withKey(new String(topic.value(), StandardCharsets.UTF_8)));
    }
}
