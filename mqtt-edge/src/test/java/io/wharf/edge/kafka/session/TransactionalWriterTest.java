package io.wharf.edge.kafka.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.edge.kafka.KafkaWriteHealth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the QoS 2 writer decides what to do when Kafka fails it, driven with Kafka's MockProducer. */
@Timeout(30)
class TransactionalWriterTest {

    private static final Duration LONG_LIMIT = Duration.ofMinutes(5);

    private final List<TestProducer> made = new CopyOnWriteArrayList<>();
    private final KafkaWriteHealth health = new KafkaWriteHealth();
    private TransactionalWriter writer;

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void aCommitThatTimesOutIsRetriedOnTheSameProducerAndTheGroupWrittenOnce() throws Exception {
        start(n -> new TestProducer().commitTimeouts(2), LONG_LIMIT, record -> true);

        List<RecordMetadata> written = writer.write(group("qos2/a", "one")).get(10, TimeUnit.SECONDS);

        assertThat(written).hasSize(1);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).commitCount()).isEqualTo(1);
        assertThat(payloads(made.get(0))).containsExactly("one");
        assertThat(made.get(0).aborts).isZero(); // Kafka allows nothing but another commit after a timeout
    }

    @Test
    void anAbortThatThrowsLeadsToANewProducerAndTheGroupIsWrittenOnce() throws Exception {
        start(
                n -> {
                    TestProducer producer = new TestProducer();
                    if (n == 0) {
                        producer.sendException = new KafkaException("the partition leader went away");
                        producer.abortTransactionException = new KafkaException("cannot abort now");
                    }
                    return producer;
                },
                LONG_LIMIT,
                record -> true);

        writer.write(group("qos2/a", "one")).get(10, TimeUnit.SECONDS);

        assertThat(made).hasSize(2);
        assertThat(payloads(made.get(0))).isEmpty();
        assertThat(payloads(made.get(1))).containsExactly("one");
    }

    @Test
    void aProducerThatCannotBeMadeOrInitialisedWhileKafkaIsAwayIsMadeAgainUntilItIsBack() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start(
                n -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new KafkaException("Failed to construct kafka producer");
                    }
                    TestProducer producer = new TestProducer();
                    if (n < 4) {
                        producer.initTransactionException =
                                new TimeoutException("Timeout expired while initializing transactional state");
                    }
                    return producer;
                },
                LONG_LIMIT,
                record -> true);

        CompletableFuture<List<RecordMetadata>> written = writer.write(group("qos2/a", "one"));

        written.get(10, TimeUnit.SECONDS);
        assertThat(payloads(made.get(made.size() - 1))).containsExactly("one");
        assertThat(health.canWrite()).isTrue();
    }

    @Test
    void aFencedCommitThatDidCommitIsNotWrittenAgain() throws Exception {
        start(
                n -> n == 0
                        ? new TestProducer().commitFails(new ProducerFencedException("fenced"))
                        : new TestProducer(),
                LONG_LIMIT,
                record -> true);

        List<RecordMetadata> written = writer.write(group("qos2/a", "one")).get(10, TimeUnit.SECONDS);

        assertThat(written).hasSize(1);
        assertThat(made).hasSize(2); // the second one only finished the first one's transaction
        assertThat(made.get(1).history()).isEmpty();
        assertThat(made.get(1).transactionInitialized()).isTrue();
    }

    @Test
    void aFencedCommitThatWasAbortedIsWrittenAgainOnce() throws Exception {
        start(
                n -> n == 0
                        ? new TestProducer().commitFails(new ProducerFencedException("fenced"))
                        : new TestProducer(),
                LONG_LIMIT,
                record -> false);

        writer.write(group("qos2/a", "one")).get(10, TimeUnit.SECONDS);

        assertThat(payloads(made.get(0))).isEmpty();
        assertThat(payloads(made.get(1))).containsExactly("one");
    }

    @Test
    void aCommitInDoubtIsNotWrittenAgainBeforeKafkaCanTellHowItEnded() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        start(
                n -> n == 0
                        ? new TestProducer().commitFails(new KafkaException("coordinator went away"))
                        : new TestProducer(),
                LONG_LIMIT,
                record -> {
                    if (checks.incrementAndGet() < 3) {
                        throw new TimeoutException("cannot read back yet");
                    }
                    return false;
                });

        writer.write(group("qos2/a", "one")).get(10, TimeUnit.SECONDS);

        assertThat(checks).hasValue(3);
        assertThat(made.stream().mapToInt(producer -> payloads(producer).size()).sum())
                .isEqualTo(1);
    }

    @Test
    void aGroupThatWaitsForKafkaLongerThanTheLimitFailsBackAndTheWriterGoesOn() throws Exception {
        AtomicInteger kafkaBack = new AtomicInteger();
        start(
                n -> {
                    TestProducer producer = new TestProducer();
                    if (kafkaBack.get() == 0) {
                        producer.initTransactionException = new TimeoutException("Kafka is away");
                    }
                    return producer;
                },
                Duration.ofMillis(300),
                record -> true);

        CompletableFuture<List<RecordMetadata>> waiting = writer.write(group("qos2/a", "lost"));

        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        assertThat(health.canWrite()).isFalse();
        kafkaBack.set(1);
        writer.write(group("qos2/a", "after")).get(10, TimeUnit.SECONDS);
        assertThat(writer.isRunning()).isTrue();
        assertThat(health.canWrite()).isTrue();
    }

    @Test
    void aCommitThatKeepsTimingOutPastTheLimitFailsBackOnceKafkaCannotTellItsOutcome() throws Exception {
        AtomicInteger kafkaBack = new AtomicInteger();
        start(
                n -> {
                    if (n == 0) {
                        return new TestProducer().commitTimeouts(Integer.MAX_VALUE);
                    }
                    TestProducer producer = new TestProducer();
                    if (kafkaBack.get() == 0) {
                        producer.initTransactionException = new TimeoutException("Kafka is away");
                    }
                    return producer;
                },
                Duration.ofMillis(300),
                record -> false);

        CompletableFuture<List<RecordMetadata>> inDoubt = writer.write(group("qos2/a", "in-doubt"));

        assertThatThrownBy(() -> inDoubt.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        kafkaBack.set(1);
        writer.write(group("qos2/a", "after")).get(10, TimeUnit.SECONDS);
        assertThat(made.stream().flatMap(producer -> payloads(producer).stream()))
                .containsExactly("after");
    }

    @Test
    void aGroupKafkaRefusesForGoodFailsAloneAndTheOthersOfItsTransactionAreWritten() throws Exception {
        writer = new TransactionalWriter(
                () -> made(new TestProducer()), record -> true, LONG_LIMIT, health, Duration.ofMillis(20));
        CompletableFuture<List<RecordMetadata>> tooLarge = writer.write(group(TestProducer.TOO_LARGE, "huge"));
        CompletableFuture<List<RecordMetadata>> fine = writer.write(group("qos2/a", "fine"));
        writer.start(); // both wait, so they share the first transaction

        assertThatThrownBy(() -> tooLarge.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RecordTooLargeException.class);
        fine.get(10, TimeUnit.SECONDS);
        assertThat(made.stream().flatMap(producer -> payloads(producer).stream()))
                .containsExactly("fine");
    }

    @Test
    void anUnexpectedErrorDoesNotStopTheWriter() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        start(
                n -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new AssertionError("a bug");
                    }
                    return new TestProducer();
                },
                LONG_LIMIT,
                record -> true);

        writer.write(group("qos2/a", "one")).get(10, TimeUnit.SECONDS);
        assertThat(writer.isRunning()).isTrue();
    }

    @Test
    void moreGroupsThanTheQueueHoldsFailAtOnce() {
        writer = new TransactionalWriter(TestProducer::new, record -> true, LONG_LIMIT, health, Duration.ofMillis(20));
        for (int i = 0; i < TransactionalWriter.MAX_WAITING_GROUPS; i++) {
            writer.write(group("qos2/a", "waiting"));
        }

        assertThat(writer.write(group("qos2/a", "one too many"))).isCompletedExceptionally();
    }

    @Test
    void stoppingWhileKafkaIsAwayFailsEveryWaitingGroup() {
        start(
                n -> {
                    TestProducer producer = new TestProducer();
                    producer.initTransactionException = new TimeoutException("Kafka is away");
                    return producer;
                },
                LONG_LIMIT,
                record -> true);
        CompletableFuture<List<RecordMetadata>> waiting = writer.write(group("qos2/a", "one"));

        writer.close();

        assertThat(waiting).isCompletedExceptionally();
        assertThat(writer.isRunning()).isFalse();
    }

    private void start(
            IntFunction<TestProducer> producers, Duration outageLimit, TransactionalWriter.CommitCheck commits) {
        AtomicInteger count = new AtomicInteger();
        writer = new TransactionalWriter(
                () -> made(producers.apply(count.getAndIncrement())),
                commits,
                outageLimit,
                health,
                Duration.ofMillis(20));
        writer.start();
    }

    private Producer<byte[], byte[]> made(TestProducer producer) {
        made.add(producer);
        return producer;
    }

    private static List<ProducerRecord<byte[], byte[]>> group(String topic, String payload) {
        return List.of(new ProducerRecord<>(
                topic, 0, topic.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8)));
    }

    /** The payloads the producer committed. */
    private static List<String> payloads(TestProducer producer) {
        return producer.history().stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .toList();
    }

    /** A MockProducer whose commits can time out or fail, and which refuses records too large for Kafka as Kafka does. */
    static final class TestProducer extends MockProducer<byte[], byte[]> {

        static final String TOO_LARGE = "too/large";

        private int commitTimeouts;
        private RuntimeException commitFailure;
        private boolean refusedSend;
        int aborts;

        TestProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        TestProducer commitTimeouts(int times) {
            commitTimeouts = times;
            return this;
        }

        TestProducer commitFails(RuntimeException error) {
            commitFailure = error;
            return this;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (TOO_LARGE.equals(record.topic())) {
                refusedSend = true;
                CompletableFuture<RecordMetadata> failed = new CompletableFuture<>();
                failed.completeExceptionally(new RecordTooLargeException("too large"));
                return failed;
            }
            return super.send(record, callback);
        }

        @Override
        public void commitTransaction() {
            if (refusedSend) {
                throw new KafkaException("Cannot commit: a send failed", new RecordTooLargeException("too large"));
            }
            if (commitTimeouts > 0) {
                commitTimeouts--;
                throw new TimeoutException("Timeout expired after 30000ms while awaiting EndTxn(true)");
            }
            if (commitFailure != null) {
                throw commitFailure;
            }
            super.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            aborts++;
            refusedSend = false;
            super.abortTransaction();
        }
    }
}
