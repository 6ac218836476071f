package io.wharf.edge.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

    @Test
    void binaryFramesAndTheirContinuationsBecomeOneByteStream() {
        EmbeddedChannel channel = new EmbeddedChannel(WebSocketFrames.INSTANCE);
        channel.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        channel.writeInbound(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {3})));

        ByteBuf first = channel.readInbound();
        ByteBuf second = channel.readInbound();
        assertThat(read(first)).containsExactly(1, 2);
        assertThat(read(second)).containsExactly(3);
        first.release();
        second.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void eachWriteGoesOutAsOneBinaryFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(WebSocketFrames.INSTANCE);
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xD0, 0}));

        BinaryWebSocketFrame frame = channel.readOutbound();
        assertThat(read(frame.content())).containsExactly(0xD0, 0);
        frame.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void aTextFrameClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(WebSocketFrames.INSTANCE);
        channel.writeInbound(new TextWebSocketFrame("hello"));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    private static int[] read(ByteBuf bytes) {
        int[] values = new int[bytes.readableBytes()];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes.getUnsignedByte(bytes.readerIndex() + i);
        }
        return values;
    }
}
