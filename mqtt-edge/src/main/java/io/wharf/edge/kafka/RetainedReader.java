package io.wharf.edge.kafka;

import io.wharf.edge.retained.RetainedIndex;
import io.wharf.edge.message.LoggedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted retained topic into the {@link RetainedIndex}: every partition the topic
 * really has, from the beginning to the end offsets taken at start (then the edge is ready), and
 * on after that so that retained messages set through other edges arrive too.
 */
public final class RetainedReader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RetainedReader.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final RetainedIndex index;
  private final CountDownLatch loaded = new CountDownLatch(1);
  private final Thread thread;
  private Map<TopicPartition, Long> loadTarget;
  private volatile boolean running = true;

  public RetainedReader(Consumer<byte[], byte[]> consumer, String topic, RetainedIndex index) {
    this.consumer = consumer;
    this.topic = topic;
    this.index = index;
    this.thread = new Thread(this::run, "wharf-retained-reader");
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading and waits until everything retained before now is in the index.
   *
   * @return false if that did not happen within {@code timeout}
   */
  public boolean startAndAwaitLoaded(Duration timeout) throws InterruptedException {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    loadTarget = consumer.endOffsets(partitions);
    thread.start(); // the thread owns the consumer from here
    return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    while (running) {
      try {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          apply(record);
        }
        checkLoaded();
      } catch (WakeupException e) {
        // closing
      } catch (InterruptException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Reading retained messages failed, retrying: {}", e.toString());
      }
    }
  }

  private void checkLoaded() {
    if (loaded.getCount() == 0) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> end : loadTarget.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return;
      }
    }
    log.info("Loaded {} retained messages from {}", index.size(), topic);
    loaded.countDown();
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return;
    }
    String mqttTopic = new String(record.key(), StandardCharsets.UTF_8);
    boolean cleared = record.value() == null || record.value().length == 0;
    LoggedMessage message = cleared ? null : RecordMapping.fromRecord(record);
    index.apply(mqttTopic, message, record.offset());
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
  }
}
