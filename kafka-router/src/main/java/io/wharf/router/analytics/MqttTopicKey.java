package io.wharf.router.analytics;

import io.wharf.schemas.message.MessageCodec;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/** Keys each message record by its MQTT topic ({@link MessageCodec#mqttTopic}). */
final class MqttTopicKey extends ContextualProcessor<String, byte[], String, byte[]> {

    @Override
    public void process(Record<String, byte[]> record) {
        context().forward(record.withKey(MessageCodec.mqttTopic(record.key(), record.headers())));
    }
}
