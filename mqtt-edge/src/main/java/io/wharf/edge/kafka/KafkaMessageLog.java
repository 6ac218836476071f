package io.wharf.edge.kafka;

import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.Message;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Appends messages to the Kafka message topic through an idempotent, acks=all producer. */
public final class KafkaMessageLog implements MessageLog {

  private final Producer<byte[], byte[]> producer;
  private final String kafkaTopic;

  public KafkaMessageLog(Producer<byte[], byte[]> producer, String kafkaTopic) {
    this.producer = producer;
    this.kafkaTopic = kafkaTopic;
  }

  @Override
  public CompletableFuture<LogPosition> append(Message message) {
    ProducerRecord<byte[], byte[]> record = RecordMapping.toRecord(kafkaTopic, message);
    CompletableFuture<LogPosition> appended = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error != null) {
              appended.completeExceptionally(error);
            } else {
              appended.complete(
                  new LogPosition(metadata.topic(), metadata.partition(), metadata.offset()));
            }
          });
    } catch (RuntimeException e) {
      // send() throws when the producer's buffer stays full or metadata cannot be had in time.
      appended.completeExceptionally(e);
    }
    return appended;
  }
}
