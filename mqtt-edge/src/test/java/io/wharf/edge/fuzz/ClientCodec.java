package io.wharf.edge.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's end of a fuzzed connection: Netty's MQTT codec turns the packets it sends into bytes
 * and the bytes the edge sends back into packets, failing on any the edge got wrong. The version its
 * CONNECT named decides how later packets are written and read, as for a real client.
 */
final class ClientCodec {

    private final EmbeddedChannel channel =
            new EmbeddedChannel(new MqttDecoder(Integer.MAX_VALUE), MqttEncoder.INSTANCE);

    /** The bytes of {@code packet} (which it releases); null if Netty's encoder refuses to write it. */
    byte[] encode(MqttMessage packet) {
        try {
            channel.writeOutbound(packet);
        } catch (EncoderException refused) {
            return null;
        }
        ByteBuf encoded = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
    }

    /** The packets in what the edge sent (which it releases); the caller releases the packets. */
    List<MqttMessage> decode(List<ByteBuf> sent) {
        List<MqttMessage> packets = new ArrayList<>();
        for (ByteBuf bytes : sent) {
            channel.writeInbound(bytes);
            for (Object packet = channel.readInbound(); packet != null; packet = channel.readInbound()) {
                MqttMessage message = (MqttMessage) packet;
                if (!message.decoderResult().isSuccess()) {
                    ReferenceCountUtil.release(message);
                    throw new AssertionError(
                            "the edge sent a packet a client cannot read",
                            message.decoderResult().cause());
                }
                packets.add(message);
            }
        }
        return packets;
    }

    void close() {
        channel.finishAndReleaseAll();
    }
}
