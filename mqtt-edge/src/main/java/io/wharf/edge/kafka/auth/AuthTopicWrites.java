package io.wharf.edge.kafka.auth;

import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes records of the auth topic and waits until Kafka has them all. */
final class AuthTopicWrites {

    private AuthTopicWrites() {}

    static void sendAll(
            Producer<byte[], byte[]> producer,
            WharfTopic<String, AuthEntry> topic,
            List<AuthEntry> entries,
            Duration timeout) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (AuthEntry entry : entries) {
            byte[] value = topic.valueSerde().serializer().serialize(topic.name(), entry);
            records.add(new ProducerRecord<>(topic.name(), key(AuthKeys.of(entry)), value));
        }
        send(producer, records, timeout);
    }

    static void remove(Producer<byte[], byte[]> producer, String topicName, String key, Duration timeout) {
        send(producer, List.of(new ProducerRecord<>(topicName, key(key), null)), timeout);
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(
            Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records, Duration timeout) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer.send(record)));
        producer.flush();
        String topic = records.isEmpty() ? "" : records.get(0).topic();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new AuthTopicException(
                    "Kafka refused a write to " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new AuthTopicException("a write to " + topic + " was not acknowledged within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthTopicException("interrupted while writing to " + topic, e);
        }
    }
}
