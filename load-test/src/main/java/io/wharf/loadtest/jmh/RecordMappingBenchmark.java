package io.wharf.loadtest.jmh;

import io.wharf.edge.kafka.RecordMapping;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.message.MessageCodec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wharf's MQTT-to-Kafka record mapping as the edge runs it (its in-memory message through the
 * message codec of {@code schemas}), both ways: a plain QoS 1 telemetry message of an MQTT 3.1.1
 * client, and an MQTT 5 message with a content type, a response topic, correlation data and two
 * user properties. One operation is one message mapped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordMappingBenchmark {

    private ApplicationMessage plain;
    private ApplicationMessage mqtt5;
    private ConsumerRecord<byte[], byte[]> plainRecord;
    private ConsumerRecord<byte[], byte[]> mqtt5Record;

    @Setup
    public void setUp() {
        byte[] payload = new byte[100];
        plain = new ApplicationMessage(
                "fleet/site-7/device-4242/temperature",
                payload,
                1,
                false,
                "device-4242",
                1_700_000_000_000L,
                ApplicationMessage.Properties.NONE);
        mqtt5 = new ApplicationMessage(
                "fleet/site-7/device-4242/command",
                payload,
                1,
                false,
                "app-17",
                1_700_000_000_000L,
                new ApplicationMessage.Properties(
                        1,
                        3600L,
                        "application/json",
                        "fleet/site-7/device-4242/reply",
                        new byte[] {1, 2, 3, 4},
                        List.of(
                                new ApplicationMessage.UserProperty("trace", "abc123"),
                                new ApplicationMessage.UserProperty("tenant", "acme"))));
        plainRecord = consumed(MessageCodec.toRecord("mqtt.messages", plain));
        mqtt5Record = consumed(MessageCodec.toRecord("mqtt.messages", mqtt5));
    }

    @Benchmark
    public ProducerRecord<byte[], byte[]> toRecordPlain() {
        return MessageCodec.toRecord("mqtt.messages", plain);
    }

    @Benchmark
    public ProducerRecord<byte[], byte[]> toRecordMqtt5() {
        return MessageCodec.toRecord("mqtt.messages", mqtt5);
    }

    @Benchmark
    public LoggedMessage fromRecordPlain() {
        return RecordMapping.fromRecord(plainRecord);
    }

    @Benchmark
    public LoggedMessage fromRecordMqtt5() {
        return RecordMapping.fromRecord(mqtt5Record);
    }

    private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> produced) {
        return new ConsumerRecord<>(
                produced.topic(),
                3,
                12_345L,
                produced.timestamp(),
                TimestampType.CREATE_TIME,
                produced.key().length,
                produced.value().length,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.empty());
    }
}
