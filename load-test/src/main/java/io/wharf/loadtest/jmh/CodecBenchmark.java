package io.wharf.loadtest.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Netty's MQTT codec as the edge runs it (its own maximum packet size, one decoder per channel,
 * the shared encoder) on a QoS 1 PUBLISH of an MQTT 3.1.1 client: one operation is one packet.
 * The channel is an {@link EmbeddedChannel}, whose own cost is part of the figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    @Param({"100", "1024"})
    int payloadSize;

    private EmbeddedChannel decoding;
    private EmbeddedChannel encoding;
    private ByteBuf encodedPublish;
    private byte[] payload;

    @Setup
    public void setUp() {
        payload = new byte[payloadSize];
        decoding = new EmbeddedChannel(new MqttDecoder(1024 * 1024, 256));
        encoding = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoding.writeOutbound(publish());
        encodedPublish = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer((ByteBuf) encoding.readOutbound()));
    }

    @Benchmark
    public Object decodePublish() {
        decoding.writeInbound(encodedPublish.duplicate().retain());
        Object packet = decoding.readInbound();
        ReferenceCountUtil.release(packet);
        return packet;
    }

    @Benchmark
    public int encodePublish() {
        encoding.writeOutbound(publish());
        ByteBuf bytes = encoding.readOutbound();
        int size = bytes.readableBytes();
        bytes.release();
        return size;
    }

    private MqttPublishMessage publish() {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader("fleet/site-7/device-4242/temperature", 17, MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(payload));
    }

    @TearDown
    public void tearDown() {
        decoding.finishAndReleaseAll();
        encoding.finishAndReleaseAll();
    }
}
