package io.wharf.edge.kafka;

import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.edge.retained.RetainedIndex;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Appends messages to the Kafka message topic through an idempotent, acks=all producer. A retained
 * message is also written to the compacted retained topic (an empty one as a tombstone that clears
 * the topic's retained message), and counts as stored only when both writes are.
 */
public final class KafkaMessageLog implements MessageLog {

  private final Producer<byte[], byte[]> producer;
  private final String messagesTopic;
  private final String retainedTopic;
  private final RetainedIndex retainedIndex;

  public KafkaMessageLog(Producer<byte[], byte[]> producer, String messagesTopic, String retainedTopic, RetainedIndex retainedIndex) {
    this.producer = producer;
    this.messagesTopic = messagesTopic;
    this.retainedTopic = retainedTopic;
    this.retainedIndex = retainedIndex;
  }

  @Override
  public CompletableFuture<LogPosition> append(Message message) {
    CompletableFuture<LogPosition> appended = send(RecordMapping.toRecord(messagesTopic, message));
    if (!message.retain()) {
      return appended;
    }
    boolean clears = message.payload().length == 0;
    ProducerRecord<byte[], byte[]> retainedRecord = RecordMapping.toRecord(retainedTopic, message);
    if (clears) {
      retainedRecord =
          new ProducerRecord<>(retainedTopic, null, retainedRecord.timestamp(), retainedRecord.key(), null, retainedRecord.headers());
    }
    CompletableFuture<LogPosition> retained =
        send(retainedRecord)
            .whenComplete(
                (position, error) -> {
                  if (error == null) {
                    // Visible to this edge's next SUBSCRIBE at once, not only when the reader gets here.
                    retainedIndex.apply(message.topic(), clears ? null : new LoggedMessage(message, position), position.offset());
                  }
                });
    return appended.thenCombine(retained, (messagePosition, retainedPosition) -> messagePosition);
  }

  private CompletableFuture<LogPosition> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<LogPosition> sent = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error != null) {
              sent.completeExceptionally(error);
            } else {
              sent.complete(new LogPosition(metadata.topic(), metadata.partition(), metadata.offset()));
            }
          });
    } catch (RuntimeException e) {
      // send() throws when the producer's buffer stays full or metadata cannot be had in time.
      sent.completeExceptionally(e);
    }
    return sent;
  }
}
