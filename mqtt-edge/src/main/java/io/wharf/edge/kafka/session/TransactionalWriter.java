package io.wharf.edge.kafka.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes groups of records that must become visible together or not at all (a QoS 2 message and the
 * session state that records its packet id), in Kafka transactions. Many groups share one
 * transaction: a commit costs about the same for one record or a hundred, so waiting groups are
 * committed together.
 */
public final class TransactionalWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);
  private static final int MAX_GROUPS_PER_TRANSACTION = 500;

  private final Supplier<Producer<byte[], byte[]>> producers;
  private final BlockingQueue<Group> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private Producer<byte[], byte[]> producer;
  private volatile boolean running = true;

  /** @param producers makes a transactional producer (with {@code transactional.id} set) */
  public TransactionalWriter(Supplier<Producer<byte[], byte[]>> producers) {
    this.producers = producers;
    this.thread = new Thread(this::run, "wharf-transactional-writer");
    this.thread.setDaemon(true);
  }

  public void start() {
    producer = producers.get();
    producer.initTransactions();
    thread.start();
  }

  /** Writes the records all together; completes with their metadata once committed. */
  public CompletableFuture<List<RecordMetadata>> write(List<ProducerRecord<byte[], byte[]>> records) {
    Group group = new Group(records, new CompletableFuture<>());
    queue.add(group);
    return group.written;
  }

  private void run() {
    List<Group> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Group first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_GROUPS_PER_TRANSACTION - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    queue.forEach(group -> group.written.completeExceptionally(new IllegalStateException("the edge is stopping")));
  }

  private void commit(List<Group> batch) {
    try {
      producer.beginTransaction();
      List<List<Future<RecordMetadata>>> sent = new ArrayList<>();
      for (Group group : batch) {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        group.records.forEach(record -> futures.add(producer.send(record)));
        sent.add(futures);
      }
      producer.commitTransaction();
      for (int i = 0; i < batch.size(); i++) {
        List<RecordMetadata> metadata = new ArrayList<>();
        for (Future<RecordMetadata> future : sent.get(i)) {
          metadata.add(future.get());
        }
        batch.get(i).written.complete(metadata);
      }
    } catch (ProducerFencedException | AuthorizationException e) {
      fail(batch, e);
      log.warn("The transactional producer can no longer write ({}); starting a new one", e.toString());
      renewProducer();
    } catch (Exception e) {
      fail(batch, e);
      abort();
    }
  }

  private void abort() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      log.warn("Aborting a transaction failed ({}); starting a new producer", e.toString());
      renewProducer();
    }
  }

  private void renewProducer() {
    try {
      producer.close(Duration.ofSeconds(1));
    } catch (RuntimeException e) {
      log.debug("Closing the old transactional producer: {}", e.toString());
    }
    producer = producers.get();
    producer.initTransactions();
  }

  private static void fail(List<Group> batch, Exception error) {
    log.warn("A transaction of {} message groups failed: {}", batch.size(), error.toString());
    batch.forEach(group -> group.written.completeExceptionally(error));
  }

  /** Commits what is waiting, then stops; interrupts only a writer stuck for longer than that. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(2));
    }
  }

  private record Group(List<ProducerRecord<byte[], byte[]>> records, CompletableFuture<List<RecordMetadata>> written) {}
}
