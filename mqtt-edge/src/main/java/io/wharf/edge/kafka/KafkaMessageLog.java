package io.wharf.edge.kafka;

import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.edge.retained.RetainedIndex;
import io.wharf.schemas.mapping.Route;
import io.wharf.schemas.mapping.TopicMapping;
import java.util.List;
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
  private final TopicMapping mapping;
  private final String retainedTopic;
  private final RetainedIndex retainedIndex;

  public KafkaMessageLog(Producer<byte[], byte[]> producer, TopicMapping mapping, String retainedTopic, RetainedIndex retainedIndex) {
    this.producer = producer;
    this.mapping = mapping;
    this.retainedTopic = retainedTopic;
    this.retainedIndex = retainedIndex;
  }

  @Override
  public CompletableFuture<LogPosition> append(Message message) {
    List<ProducerRecord<byte[], byte[]>> records = records(message);
    CompletableFuture<LogPosition> appended = send(records.get(0));
    if (records.size() == 1) {
      return appended;
    }
    CompletableFuture<LogPosition> retained = send(records.get(1)).whenComplete((position, error) -> {
      if (error == null) {
        retainedStored(message, position);
      }
    });
    return appended.thenCombine(retained, (messagePosition, retainedPosition) -> messagePosition);
  }

  /**
   * The records a message becomes: one in the Kafka topic the mapping gives it and, for a retained message, one in
   * the retained topic (a tombstone when the payload is empty, which clears the topic's retained
   * message). For writers that send them themselves, in a transaction.
   */
  public List<ProducerRecord<byte[], byte[]>> records(Message message) {
    Route route = mapping.route(message.topic());
    ProducerRecord<byte[], byte[]> record = RecordMapping.toRecord(route.kafkaTopic(), route.key(), message);
    if (!message.retain()) {
      return List.of(record);
    }
    ProducerRecord<byte[], byte[]> retained = RecordMapping.toRecord(retainedTopic, message);
    if (message.payload().length == 0) {
      retained = new ProducerRecord<>(retainedTopic, null, retained.timestamp(), retained.key(), null, retained.headers());
    }
    return List.of(record, retained);
  }

  /** A retained message is in Kafka: this edge's next SUBSCRIBE sees it at once, not when the reader gets there. */
  public void retainedStored(Message message, LogPosition position) {
    retainedIndex.apply(message.topic(), message.payload().length == 0 ? null : new LoggedMessage(message, position), position.offset());
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
