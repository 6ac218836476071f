package io.wharf.edge.kafka;

import io.wharf.schemas.mapping.PayloadRule;

/** Told how each message's write to Kafka went: for the produce latency and error metrics. */
public interface ProduceObserver {

    ProduceObserver NONE = new ProduceObserver() {
        @Override
        public void written(long nanos) {}

        @Override
        public void failed(Throwable error) {}
    };

    /** The message record was acknowledged {@code nanos} after the client's PUBLISH was handed over. */
    void written(long nanos);

    /** The message was not written, for good. */
    void failed(Throwable error);

    /** A payload did not fit the schema of {@code kafkaTopic}'s rule, which says what became of it. */
    default void payloadInvalid(String kafkaTopic, PayloadRule.Invalid action) {}
}
