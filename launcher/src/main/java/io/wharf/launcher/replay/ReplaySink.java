package io.wharf.launcher.replay;

import io.wharf.schemas.message.ApplicationMessage;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where replayed messages go. A sink sends asynchronously, in the order it is given, with a
 * bounded number of messages in flight; acknowledgements and refusals land in the replay's
 * {@link ReplayCounters}.
 */
interface ReplaySink extends AutoCloseable {

    /**
     * Sends one matched message; blocks while too many are in flight.
     *
     * @param record the record as read from Kafka
     * @param message the same record read as an MQTT message
     * @throws ReplayFailedException when the target is gone and nothing more can be sent
     */
    void send(ConsumerRecord<byte[], byte[]> record, ApplicationMessage message) throws InterruptedException;

    /**
     * Waits until every message sent so far has been acknowledged or refused.
     *
     * @throws ReplayFailedException when that takes longer than {@code timeout}
     */
    void finish(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
