package io.wharf.edge.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.wharf.edge.netty.ClientAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProxyHeaderRequiredTest {

    private static EmbeddedChannel proxiedChannel() {
        return new EmbeddedChannel(new ProxyHeaderRequired(), new HAProxyMessageDecoder(), new ProxyProtocolHandler());
    }

    @Test
    void theHeadersSourceAddressStandsForTheClientAndTheBytesAfterItPassOn() {
        EmbeddedChannel channel = proxiedChannel();
        channel.writeInbound(
                Unpooled.copiedBuffer("PROXY TCP4 192.0.2.9 10.0.0.1 40000 1883\r\nMQTT", StandardCharsets.US_ASCII));

        assertThat(ClientAddress.of(channel)).isEqualTo(new InetSocketAddress("192.0.2.9", 40000));
        ByteBuf rest = channel.readInbound();
        assertThat(rest.toString(StandardCharsets.US_ASCII)).isEqualTo("MQTT");
        rest.release();
        assertThat(channel.pipeline().get(ProxyProtocolHandler.class)).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionStartingWithoutAHeaderIsClosed() {
        EmbeddedChannel channel = proxiedChannel();
        // an MQTT CONNECT where the header should be
        channel.writeInbound(
                Unpooled.wrappedBuffer(new byte[] {0x10, 0x0E, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 2, 'c', '1'}));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aMalformedHeaderIsRefused() {
        EmbeddedChannel channel = proxiedChannel();
        channel.writeInbound(Unpooled.copiedBuffer("PROXY BOGUS nonsense here\r\n", StandardCharsets.US_ASCII));

        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
